import type { ServerMessage } from "@/lib/i18n/server-message";
import type { CodedMessage } from "@/lib/wire/coded-message";

/** A cell's error as its record keeps it: the English, with its catalog code when the workbench wrote it (a provider's words have none). */
export function cellError(error: string | ServerMessage): { error: string; errorParts?: CodedMessage[] } {
  if (typeof error === "string") return { error };
  return { error: error.message, errorParts: [{ message: error.message, code: error.messageCode, values: error.messageValues }] };
}
