import { describe, expect, it } from "vitest";
import { readRowChecks } from "./assertion-schema";

describe("row checks", () => {
  it("accepts known checks and names the first problem of others", () => {
    expect(readRowChecks([{ type: "contains", value: "Paris", ignoreCase: true }, { type: "max-latency", ms: 2000 }])).toEqual({ ok: true, checks: [{ type: "contains", value: "Paris", ignoreCase: true }, { type: "max-latency", ms: 2000 }] });
    const typo = readRowChecks([{ type: "contains", valeu: "Paris" }]);
    expect(typo.ok).toBe(false);
    expect(!typo.ok && typo.message).toBe("[0].value: Invalid input: expected string, received undefined");
    const unknown = readRowChecks([{ type: "sounds-nice" }]);
    expect(!unknown.ok && unknown.message).toContain("[0].type");
  });
});
