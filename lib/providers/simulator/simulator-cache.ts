import { createHash } from "node:crypto";
import type { SimulatorRequest } from "./simulator-request";

/**
 * Automatic prefix caching, as Moonshot does it: a request whose leading messages match an earlier
 * request's (same model, tools and cache key) reports those messages' tokens as `cached_tokens`.
 * Kept per process, bounded, oldest entries dropped first.
 */
export class PrefixCache {
  private readonly entries = new Map<string, number>();

  constructor(private readonly capacity = 5_000) {}

  /** Tokens of the longest cached prefix of this request, then remembers all of its prefixes. */
  lookupAndStore({ request, messageTokens, toolsTokens }: { request: SimulatorRequest; messageTokens: number[]; toolsTokens: number }): number {
    const hash = createHash("sha256");
    hash.update(JSON.stringify([request.model, request.prompt_cache_key ?? null, request.tools ?? null]));
    const prefixKeys: string[] = [];
    const prefixTokens: number[] = [];
    let tokens = toolsTokens;
    for (const [index, message] of request.messages.entries()) {
      hash.update(JSON.stringify(message));
      tokens += messageTokens[index] ?? 0;
      prefixKeys.push(hash.copy().digest("hex"));
      prefixTokens.push(tokens);
    }
    let cached = 0;
    for (let index = prefixKeys.length - 1; index >= 0; index -= 1) {
      const hit = this.entries.get(prefixKeys[index]!);
      if (hit !== undefined) {
        cached = hit;
        break;
      }
    }
    for (const [index, key] of prefixKeys.entries()) {
      this.entries.delete(key);
      this.entries.set(key, prefixTokens[index]!);
    }
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return cached;
  }
}
