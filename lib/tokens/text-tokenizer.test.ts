import { describe, expect, it } from "vitest";
import { approximationNote, precountTokenizer } from "./responsive-count";
import { loadTextTokenizer } from "./text-tokenizer";

describe("counting text without quadratic blow-ups", () => {
  it("counts a 1 MB run of one character in under a second, close to its true count", async () => {
    const tokenizer = await loadTextTokenizer();
    const startedAt = performance.now();
    const tokens = tokenizer.count("a".repeat(1_000_000));
    const elapsed = performance.now() - startedAt;
    expect(elapsed).toBeLessThan(1_000);
    // o200k encodes long runs of "a" as 8-character tokens: 125,000 exactly; cuts may add a few.
    expect(tokens).toBeGreaterThanOrEqual(125_000);
    expect(tokens).toBeLessThan(125_000 * 1.02);
  });

  it("counts ordinary text exactly as before (no cuts)", async () => {
    const tokenizer = await loadTextTokenizer();
    expect(tokenizer.count("Hello, world! 你好，世界。")).toBeGreaterThan(4);
    const { encode } = await import("gpt-tokenizer/encoding/o200k_base");
    const prose = "The quick brown fox jumps over the lazy dog; data:image/png;base64,iVBORw0KGgo= 42. ".repeat(200);
    expect(tokenizer.count(prose)).toBe(encode(prose).length);
  });
});

describe("precountTokenizer", () => {
  it("yields to the event loop while counting megabytes, and sizes by length past its deadline (reported)", async () => {
    const tokenizer = await loadTextTokenizer();
    const text = "Streams of words flow over the wire. ".repeat(60_000);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const precounted = await precountTokenizer({ tokenizer, record: (recorder) => void recorder.count(text), deadlineMs: 60_000 });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
    expect(precounted.approximatedCharacters).toBe(0);
    const exact = precounted.tokenizer.count(text);
    expect(Math.abs(exact - tokenizer.count(text)) / exact).toBeLessThan(0.01);

    let clock = 0;
    const late = await precountTokenizer({ tokenizer, record: (recorder) => void recorder.count(text), deadlineMs: 5, now: () => (clock += 1) });
    expect(late.approximatedCharacters).toBeGreaterThan(text.length / 2);
    expect(Math.abs(late.tokenizer.count(text) - exact) / exact).toBeLessThan(0.05);
    expect(approximationNote(late.approximatedCharacters)).toMatch(/characters were sized by length/);
  });
});
