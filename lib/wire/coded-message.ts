/**
 * A message the workbench writes: in English (for API clients, logs and tests), and as a catalog
 * code with the values it names, which the page words in its own language.
 */
export interface CodedMessage {
  message: string;
  code: string;
  values: Record<string, string>;
}
