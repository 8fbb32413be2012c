/**
 * A message the workbench writes: in English (for API clients, logs and tests), and as a catalog
 * code with the values it names, which the page words in its own language.
 */
export interface CodedMessage extends WorkbenchMessage {
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
  /** The cause behind `values.problem`, coded when the workbench wrote it, so a page words that too. */
  problem?: WorkbenchMessage;
}

/** An Error that carries its catalog code: for the workbench's messages that travel as exceptions. */
export class CodedError extends Error {
  readonly code: string;
  readonly values: Record<string, string>;

  constructor({ message, code, values = {} }: { message: string; code: string; values?: Record<string, string> }) {
    super(message);
    this.name = "CodedError";
    this.code = code;
    this.values = values;
  }
}

/** What was thrown, as a message: coded when the workbench threw it, else the error's own words. */
export function workbenchMessageOf(error: unknown): WorkbenchMessage {
  if (error instanceof CodedError) return { message: error.message, code: error.code, values: error.values };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** A message as something to throw, keeping its code when it has one. */
export function toError(message: WorkbenchMessage): Error {
  return message.code !== undefined ? new CodedError({ message: message.message, code: message.code, values: message.values ?? {} }) : new Error(message.message);
}
