/**
 * Waits `ms` milliseconds, ending early when `signal` aborts: resolving, or rejecting with the
 * abort reason when `rejectOnAbort` is set. The abort listener is removed either way, so waiting
 * once per streamed token does not pile listeners onto a long-lived signal.
 */
export function sleep({ ms, signal, rejectOnAbort = false }: { ms: number; signal?: AbortSignal; rejectOnAbort?: boolean }): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      if (rejectOnAbort) reject(signal.reason);
      else resolve();
      return;
    }
    if (ms <= 0) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      if (rejectOnAbort) reject(signal!.reason);
      else resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
