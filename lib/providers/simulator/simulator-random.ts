import { createHash } from "node:crypto";

/** A seeded generator so the same request always gets the same answer. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One item, avoiding the last few picks of this generator (so text does not repeat back to back). */
  pickFresh<T>(items: readonly T[]): T {
    const recent = (this.recent ??= []) as T[];
    const candidates = items.filter((item) => !recent.includes(item));
    const chosen = this.pick(candidates.length > 0 ? candidates : items);
    recent.push(chosen);
    if (recent.length > Math.min(3, items.length - 1)) recent.shift();
    return chosen;
  }

  private recent: unknown[] | undefined;
}

/** A 32-bit seed from everything that shapes the answer. */
export function seedFor(values: unknown[]): number {
  return createHash("sha256").update(JSON.stringify(values)).digest().readUInt32LE(0);
}
