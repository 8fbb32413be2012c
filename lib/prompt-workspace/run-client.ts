import type { RunEstimate } from "@/lib/runs/run-estimate";
import type { RunDefinition } from "@/lib/runs/run-types";
import type { WorkbenchMessage } from "@/lib/wire/coded-message";
import { readResponseError, unreachableError } from "@/lib/wire/error-envelope";
import { mergeRunPoll, type RunPoll, type RunSnapshot } from "./run-results";

// The results page's calls to the runs API. Errors come back as the server's message, which names
// the problem and the fix, with its catalog code so the page words it in its language.

/** A call that failed, and why. */
export type RunCallFailure = { ok: false } & WorkbenchMessage;

/** A run as `POST /api/runs` takes it (keys pasted in this browser travel beside it, for memory only). */
export type RunRequest = Omit<RunDefinition, "pastedKeyColumns"> & { keys?: Record<string, string> };

async function postJson<T>(path: string, body: unknown): Promise<{ ok: true; value: T } | RunCallFailure> {
  try {
    const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!response.ok) return { ok: false, ...(await readResponseError(response)) };
    return { ok: true, value: (await response.json()) as T };
  } catch (error) {
    return { ok: false, ...unreachableError(error) };
  }
}

/** Estimates tokens and cost per column, nothing sent. */
export function estimateRunCost(request: RunRequest): Promise<{ ok: true; value: RunEstimate } | RunCallFailure> {
  return postJson<RunEstimate>("/api/runs/estimate", request);
}

/** Starts a run on the server. */
export function startRun(request: RunRequest): Promise<{ ok: true; value: { id: string; cells: number } } | RunCallFailure> {
  return postJson<{ id: string; cells: number }>("/api/runs", request);
}

/** Cancels a run (in-flight cells stop at once). */
export function cancelRun(runId: string): Promise<{ ok: true; value: unknown } | RunCallFailure> {
  return postJson(`/api/runs/${encodeURIComponent(runId)}/cancel`, {});
}

/** Queues failed cells again, or the listed cells whatever their state. */
export function retryCells({ runId, cellIds }: { runId: string; cellIds?: string[] }): Promise<{ ok: true; value: { queued: number } } | RunCallFailure> {
  return postJson<{ queued: number }>(`/api/runs/${encodeURIComponent(runId)}/retry`, cellIds ? { cellIds, onlyFailed: false } : { onlyFailed: true });
}

/** Gives the server again the keys pasted for a run's columns (after a restart the run waits for them). */
export function resupplyKeys({ runId, keys }: { runId: string; keys: Record<string, string> }): Promise<{ ok: true; value: unknown } | RunCallFailure> {
  return postJson(`/api/runs/${encodeURIComponent(runId)}/keys`, { keys });
}

/** One poll: the whole run the first time, then the cells changed since the previous poll. */
export async function pollRun({ runId, snapshot, signal }: { runId: string; snapshot: RunSnapshot | undefined; signal?: AbortSignal }): Promise<{ ok: true; snapshot: RunSnapshot } | (RunCallFailure & { status?: number })> {
  const query = snapshot ? `?since=${snapshot.cursor}` : "";
  try {
    const response = await fetch(`/api/runs/${encodeURIComponent(runId)}${query}`, { cache: "no-store", ...(signal ? { signal } : {}) });
    if (!response.ok) return { ok: false, ...(await readResponseError(response)), status: response.status };
    return { ok: true, snapshot: mergeRunPoll({ snapshot, poll: (await response.json()) as RunPoll }) };
  } catch (error) {
    return { ok: false, ...unreachableError(error) };
  }
}
