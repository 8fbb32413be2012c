/**
 * A message the workbench writes: in English (for API clients, logs and tests), and as a catalog
 * code with the values it names, which the page words in its own language.
 */
export interface CodedMessage {
  message: string;
  code: string;
  values: Record<string, string>;
}

/**
 * A message that carries a catalog code when the workbench wrote it (its own or the server's), and
 * none when it is a provider's or a model's words, which are shown as they came.
 */
export interface WorkbenchMessage {
  message: string;
  code?: string;
  values?: Record<string, string>;
}
