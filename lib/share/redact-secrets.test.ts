import { describe, expect, it } from "vitest";
import { redactSecrets } from "./redact-secrets";

describe("redactSecrets", () => {
  it("replaces key-like strings, credential fields and known keys, and says where", () => {
    const { value, redactions } = redactSecrets({
      value: {
        systemPrompt: "Use key sk-abcdefghijklmnop1234 for the call.",
        parameters: { api_key: "anything", user: "u1", extra: { Authorization: "Bearer abcdefghijklmnopqrstu" } },
        turns: [{ content: "my token is server-secret-value-42 and access_token=ABCDEFGHIJKLMNOPQRST" }],
      },
      knownSecrets: ["server-secret-value-42"],
    });
    expect(JSON.stringify(value)).not.toMatch(/sk-abc|server-secret|ABCDEFGHIJKLMNOPQRST|abcdefghijklmnopqrstu/);
    expect(value.systemPrompt).toBe("Use key [redacted] for the call.");
    expect(value.parameters.api_key).toBe("[redacted]");
    expect(value.parameters.user).toBe("u1");
    expect(redactions.map((redaction) => redaction.path)).toEqual(["systemPrompt", "parameters.api_key", "parameters.extra.Authorization", "turns[0].content", "turns[0].content"]);
  });

  it("leaves ordinary text alone", () => {
    const text = { content: "The sk- prefix marks Moonshot keys; tokens are counted with BPE. Bearer of good news." };
    expect(redactSecrets({ value: text })).toEqual({ value: text, redactions: [] });
  });
});
