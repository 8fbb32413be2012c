import { describe, expect, it } from "vitest";
import { describeRetry } from "./describe-retry";

describe("describeRetry", () => {
  it("names the attempt, the failure and the wait", () => {
    expect(describeRetry({ attempt: 2, maxAttempts: 4, status: 429, type: "rate_limited", waitMs: 1000 })).toBe("Retrying (2 of 4) after 429 — waiting 1 s");
    expect(describeRetry({ attempt: 3, maxAttempts: 4, status: 503, type: "upstream_unavailable", waitMs: 1640 })).toBe("Retrying (3 of 4) after 503 — waiting 1.6 s");
  });

  it("names a failure without an HTTP status by its type", () => {
    expect(describeRetry({ attempt: 2, maxAttempts: 3, status: 0, type: "upstream_unreachable", waitMs: 250 })).toBe("Retrying (2 of 3) after upstream unreachable — waiting 0.3 s");
  });
});
