/** A random id; `crypto.randomUUID` is missing on plain-http LAN origins, so build one from random bytes. */
export function createId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
