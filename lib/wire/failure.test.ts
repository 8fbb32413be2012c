import { describe, expect, it } from "vitest";
import { isRetryable, parseRetryAfterHeader, parseRetryAfterMessage } from "./failure";

describe("retry hints", () => {
  it("reads Retry-After in seconds or as an HTTP date", () => {
    expect(parseRetryAfterHeader({ value: "3" })).toBe(3000);
    expect(parseRetryAfterHeader({ value: "1.5" })).toBe(1500);
    expect(parseRetryAfterHeader({ value: "Wed, 21 Oct 2026 07:28:05 GMT", now: Date.parse("Wed, 21 Oct 2026 07:28:00 GMT") })).toBe(5000);
    expect(parseRetryAfterHeader({ value: "soon" })).toBeUndefined();
    expect(parseRetryAfterHeader({ value: null })).toBeUndefined();
  });

  it("reads Moonshot's 'please try again after N seconds'", () => {
    expect(parseRetryAfterMessage("Your account org-1<ak-1> request reached organization max RPM: 3, please try again after 1 seconds")).toBe(1000);
    expect(parseRetryAfterMessage("request reached organization max concurrency: 2, please try again after 20 seconds")).toBe(20000);
    expect(parseRetryAfterMessage("The engine is currently overloaded, please try again later")).toBeUndefined();
  });
});

describe("retryable failures", () => {
  it("retries rate limits and server errors, not client errors or exhausted quota", () => {
    expect(isRetryable({ status: 429, type: "rate_limit_reached_error" })).toBe(true);
    expect(isRetryable({ status: 429, type: "engine_overloaded_error" })).toBe(true);
    expect(isRetryable({ status: 500 })).toBe(true);
    expect(isRetryable({ status: 503 })).toBe(true);
    expect(isRetryable({ status: 400 })).toBe(false);
    expect(isRetryable({ status: 401 })).toBe(false);
    expect(isRetryable({ status: 429, type: "exceeded_current_quota_error" })).toBe(false);
  });
});

