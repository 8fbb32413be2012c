import { parseServerEnv } from "@/lib/env";

/** Stops the process with a message naming every bad variable; run once at start-up. */
export function validateEnvOrExit(): void {
  try {
    parseServerEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
