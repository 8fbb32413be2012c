import { describe, expect, it } from "vitest";
import { retryParts } from "./retry-parts";

describe("retryParts", () => {
  it("names the attempt, the failure's status and the wait to a tenth of a second", () => {
    expect(retryParts({ attempt: 2, maxAttempts: 4, status: 429, type: "rate_limited", waitMs: 1000 })).toEqual({ attempt: 2, maxAttempts: 4, cause: "429", seconds: 1 });
    expect(retryParts({ attempt: 3, maxAttempts: 4, status: 503, type: "upstream_unavailable", waitMs: 1640 })).toEqual({ attempt: 3, maxAttempts: 4, cause: "503", seconds: 1.6 });
  });

  it("names a failure without an HTTP status by its type", () => {
    expect(retryParts({ attempt: 2, maxAttempts: 3, status: 0, type: "upstream_unreachable", waitMs: 250 })).toMatchObject({ cause: "upstream unreachable", seconds: 0.3 });
  });
});
