import { getServerEnv, parseServerEnv } from "@/lib/env";
import { describeErrorForLog, logEvent } from "@/lib/log/server-log";
import { getShareStore } from "@/lib/store/open-share-store";

/** Stops the process with a message naming every bad variable; run once at start-up. */
export function validateEnvOrExit(): void {
  try {
    parseServerEnv(process.env);
  } catch (error) {
    // One JSON line like every other log line; the message names each bad variable (never its value).
    process.stderr.write(`${JSON.stringify({ level: 60, time: new Date().toISOString(), event: "invalid_configuration", message: error instanceof Error ? error.message : String(error) })}\n`);
    process.exit(1);
  }
}

/** Opens the share store once at start-up and logs (without stopping) when it cannot be reached. */
export async function checkShareStoreAtStart(): Promise<void> {
  try {
    await getShareStore();
  } catch (error) {
    logEvent({ level: "error", event: "share_store_unavailable_at_start", fields: { ...describeErrorForLog(error), store: getServerEnv().DATABASE_URL ? "postgres" : "sqlite" } });
  }
}
