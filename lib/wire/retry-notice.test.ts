import { describe, expect, it } from "vitest";
import { readRetryNotice } from "./retry-notice";

describe("readRetryNotice", () => {
  it("reads a notice the gateway sends", () => {
    expect(readRetryNotice({ attempt: 2, maxAttempts: 4, status: 429, type: "rate_limited", waitMs: 1000 })).toEqual({ attempt: 2, maxAttempts: 4, status: 429, type: "rate_limited", waitMs: 1000 });
  });

  it("refuses anything else", () => {
    for (const value of [null, "x", { attempt: 0, maxAttempts: 4, status: 429, type: "t", waitMs: 1 }, { attempt: 2, maxAttempts: 4, status: "429", type: "t", waitMs: 1 }, { attempt: 2, maxAttempts: 4, status: 429, type: "t", waitMs: -1 }, { attempt: 2, maxAttempts: 4, status: 429, waitMs: 1 }]) {
      expect(readRetryNotice(value)).toBeUndefined();
    }
  });
});
