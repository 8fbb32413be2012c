"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { pollRun } from "./run-client";
import type { RunSnapshot } from "./run-results";
import type { WorkbenchMessage } from "@/lib/wire/coded-message";

const pollMs = 1_000;

/** Why the last poll failed; `gone` when the server no longer has the run (404). */
export interface RunPollProblem {
  error: WorkbenchMessage;
  gone: boolean;
}

/**
 * A run polled from the server while it runs: the whole run first, then only the cells changed
 * since (`?since`), once a second; polling stops when the run ends and resumes on `refresh` (after
 * a retry). Unchanged polls keep the same snapshot, so nothing re-renders.
 */
export function useRunSnapshot(runId: string | undefined): { snapshot: RunSnapshot | undefined; problem: RunPollProblem | undefined; refresh(): void } {
  const [state, setState] = useState<{ runId?: string; snapshot?: RunSnapshot; problem?: RunPollProblem }>({});
  const kick = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (!runId) return;
    let stopped = false;
    let latest: RunSnapshot | undefined;
    let timer: number | undefined;
    let inFlight = false;
    let again = false;
    const poll = async (): Promise<void> => {
      window.clearTimeout(timer);
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      const result = await pollRun({ runId, snapshot: latest });
      inFlight = false;
      if (stopped) return;
      if (!result.ok) {
        setState({ runId, ...(latest ? { snapshot: latest } : {}), problem: { error: result, gone: result.status === 404 } });
        if (result.status !== 404 && result.status !== 401) timer = window.setTimeout(() => void poll(), pollMs * 3);
        return;
      }
      const changed = result.snapshot.cells !== latest?.cells || result.snapshot.status !== latest.status || JSON.stringify(result.snapshot.counts) !== JSON.stringify(latest.counts);
      latest = result.snapshot;
      if (changed) setState({ runId, snapshot: result.snapshot });
      const soon = again;
      again = false;
      if (soon || result.snapshot.status === "running") timer = window.setTimeout(() => void poll(), soon ? 0 : pollMs);
    };
    kick.current = () => void poll();
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      kick.current = () => undefined;
    };
  }, [runId]);

  const refresh = useCallback(() => kick.current(), []);
  // A snapshot of another run (the previous selection) is never shown for this one.
  const current = state.runId === runId ? state : {};
  return { snapshot: current.snapshot, problem: current.problem, refresh };
}
