/** A file that could not be attached: English, and a catalog code (`attachProblems.<code>`) with its values for the page. */
export interface AttachProblem {
  message: string;
  code: string;
  values: Record<string, string>;
}
