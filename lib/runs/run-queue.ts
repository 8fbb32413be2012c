import "server-only";
import { randomBytes } from "node:crypto";
import { DelayedError, Queue, Worker, type Job } from "bullmq";
import { providerIds, type ProviderId } from "@/lib/catalog/catalog-types";
import { describeErrorForLog, logEvent } from "@/lib/log/server-log";
import type { RunStore } from "@/lib/store/run-store";
import { createCellExecutor } from "./cell-executor";
import type { RequestBudget } from "./request-budget";
import { parseCellId, type PastedKeys, type RunDefinition } from "./run-types";

// Runs on BullMQ when REDIS_URL is set: every cell is a job in its provider's queue, and every
// instance's workers take jobs from every queue. The store stays the record (a job only names its
// cell; the cell is claimed under a lease there and written once), so a job run twice — after a
// stalled worker, or queued again by the sweeper — never completes a cell twice. When a provider's
// budget (requests and tokens per sliding minute, shared in Redis) or a 429 says wait, the job is
// delayed and the provider's queue is paused with BullMQ's limiter for that long.

interface CellJob {
  runId: string;
  cellId: string;
}

/** How often each instance looks for cells whose job may have been lost, and how old such a cell must be. */
const sweepEveryMs = 15_000;
const staleAfterMs = 60_000;

const queueName = (providerId: ProviderId) => `runs-${providerId}`;
// Cells that spend a key pasted into this instance go to a queue only this instance works (the key
// is in its memory alone); if it dies, the sweeper moves them to their provider's queue, where
// another instance finds no key and marks them waiting for it.
const instanceQueueName = (workerId: string) => `runs-instance-${workerId}`;

/** Starts this instance's queue workers; `enqueue` adds jobs for cells (all of a run's queued cells when none are named). */
export function startQueueWorkers({
  store,
  redisUrl,
  prefix,
  concurrency,
  pastedKeys,
  budget,
  leaseMs = 30_000,
  workerId = randomBytes(8).toString("hex"),
}: {
  store: RunStore;
  redisUrl: string;
  prefix: string;
  concurrency: number;
  pastedKeys: PastedKeys;
  budget: RequestBudget;
  leaseMs?: number;
  workerId?: string;
}): { workerId: string; enqueue(input: { runId: string; definition: RunDefinition; cellIds?: readonly string[] }): Promise<void>; stop(): Promise<void> } {
  // BullMQ's blocking commands need a connection that retries forever.
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const bullPrefix = `${prefix}:bull`;
  // Closing waits for the cells in flight, which are then written as usual.
  const executor = createCellExecutor({ store, workerId, pastedKeys, budget, isStopping: () => false });
  const queueOptions = { connection, prefix: bullPrefix, defaultJobOptions: { removeOnComplete: true, removeOnFail: 1_000 } };
  const queues = new Map(providerIds.map((id) => [id, new Queue<CellJob>(queueName(id), queueOptions)]));
  const instanceQueue = new Queue<CellJob>(instanceQueueName(workerId), queueOptions);

  const processJob = async (queue: Queue<CellJob>, job: Job<CellJob>, token: string | undefined): Promise<string> => {
    const { runId, cellId } = job.data;
    const cell = await store.claimCell({ workerId, runId, cellId, leaseMs, now: Date.now() });
    // Finished, cancelled, or held by another worker: nothing to do for this job.
    if (!cell) return "not claimable";
    const controller = new AbortController();
    const inFlight = { runId, controller };
    running.add(inFlight);
    const renew = setInterval(() => {
      store.renewLeases({ workerId, cellIds: [cell], leaseMs, now: Date.now() }).catch((error: unknown) => logEvent({ level: "warn", event: "run_lease_renewal_failed", fields: describeErrorForLog(error) }));
    }, Math.max(200, Math.floor(leaseMs / 3)));
    try {
      const outcome = await executor.execute(cell, controller);
      if (outcome.kind === "limited") {
        logEvent({ level: "info", event: "run_queue_paused", fields: { queue: queue.name, waitMs: outcome.waitMs, reason: outcome.reason } });
        // The queue pauses (no worker takes its jobs meanwhile), and this job waits in the delayed set.
        // (Thrown as a rate-limit error instead, the job went back to wait, and BullMQ, checking again
        // after at most 30 s, sometimes found it gone — "Missing key", code -1 — until the sweeper.)
        await queue.rateLimit(outcome.waitMs);
        await job.moveToDelayed(Date.now() + outcome.waitMs, token);
        throw new DelayedError();
      }
      return "written";
    } finally {
      clearInterval(renew);
      running.delete(inFlight);
    }
  };

  // Cancelling a run stops its cells in flight here within half a second (their upstream requests aborted):
  // one look at the store per run in flight, not per cell.
  const running = new Set<{ runId: string; controller: AbortController }>();
  const cancelWatch = setInterval(() => {
    void (async () => {
      for (const runId of new Set([...running].map((item) => item.runId))) {
        if ((await store.getRun(runId))?.status !== "cancelled") continue;
        for (const item of running) if (item.runId === runId) item.controller.abort();
      }
    })().catch((error: unknown) => logEvent({ level: "warn", event: "run_cancel_watch_failed", fields: describeErrorForLog(error) }));
  }, 500);

  const workers = [...queues.values(), instanceQueue].map(
    (queue) =>
      new Worker<CellJob>(queue.name, (job, token) => processJob(queue, job, token), {
        connection,
        prefix: bullPrefix,
        concurrency,
        // A killed instance's jobs are noticed as stalled (their lock lapses) and run again; the store's lease decides who writes.
        lockDuration: leaseMs,
        stalledInterval: leaseMs,
        maxStalledCount: 100,
      }),
  );
  for (const worker of workers) worker.on("error", (error) => logEvent({ level: "warn", event: "run_queue_error", fields: describeErrorForLog(error) }));

  const enqueueCells = async (cells: ReadonlyArray<{ runId: string; cellId: string; queue: Queue<CellJob> }>) => {
    for (const queue of new Set(cells.map((cell) => cell.queue))) {
      const mine = cells.filter((cell) => cell.queue === queue);
      for (let start = 0; start < mine.length; start += 1_000) {
        await queue.addBulk(mine.slice(start, start + 1_000).map((cell) => ({ name: "cell", data: { runId: cell.runId, cellId: cell.cellId } })));
      }
    }
  };
  const providerOfCell = (definition: RunDefinition, cellId: string): ProviderId | undefined => definition.columns.find((column) => column.id === parseCellId(cellId).columnId)?.providerId;

  // Cells whose job was lost (an instance died between the store's write and the queue's) are queued again.
  const sweep = setInterval(() => {
    void (async () => {
      const stale = await store.findStaleCells({ now: Date.now(), staleMs: staleAfterMs, limit: 500 });
      const definitions = new Map<string, RunDefinition | undefined>();
      const cells: Array<{ runId: string; cellId: string; queue: Queue<CellJob> }> = [];
      for (const { runId, cellId } of stale) {
        if (!definitions.has(runId)) {
          const run = await store.getRun(runId);
          definitions.set(runId, run ? (JSON.parse(run.definition) as RunDefinition) : undefined);
        }
        const definition = definitions.get(runId);
        const providerId = definition && providerOfCell(definition, cellId);
        if (providerId) cells.push({ runId, cellId, queue: queues.get(providerId)! });
      }
      await enqueueCells(cells);
    })().catch((error: unknown) => logEvent({ level: "warn", event: "run_sweep_failed", fields: describeErrorForLog(error) }));
  }, sweepEveryMs);

  return {
    workerId,
    enqueue: async ({ runId, definition, cellIds }) => {
      const ids = cellIds ?? (await store.listCells(runId)).filter((cell) => cell.status === "queued").map((cell) => cell.cellId);
      await enqueueCells(
        ids.flatMap((cellId) => {
          const column = definition.columns.find((item) => item.id === parseCellId(cellId).columnId);
          if (!column) return [];
          const ownKey = definition.pastedKeyColumns.includes(column.id) && pastedKeys.get(runId)?.has(column.id);
          return [{ runId, cellId, queue: ownKey ? instanceQueue : queues.get(column.providerId)! }];
        }),
      );
    },
    stop: async () => {
      clearInterval(sweep);
      clearInterval(cancelWatch);
      await Promise.all(workers.map((worker) => worker.close()));
      // This instance's own queue goes with it; its cells are swept to their providers' queues.
      await instanceQueue.obliterate({ force: true }).catch(() => undefined);
      await Promise.all([...queues.values(), instanceQueue].map((queue) => queue.close()));
    },
  };
}
