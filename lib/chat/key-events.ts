// Lets components that show key status re-render when a key is pasted or removed.
let version = 0;
const listeners = new Set<() => void>();

/** Tells subscribers that the stored keys changed. */
export function announceKeyChange(): void {
  version += 1;
  for (const listener of listeners) listener();
}

/** `useSyncExternalStore` subscription for key changes. */
export function subscribeToKeyChanges(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Changes whenever keys change. */
export function keyStoreVersion(): number {
  return version;
}
