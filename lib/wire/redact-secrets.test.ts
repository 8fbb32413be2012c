import { describe, expect, it } from "vitest";
import { createStreamRedactor, redactBytes, redactSecrets, redactText } from "./redact-secrets";

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

describe("redactText", () => {
  const key = "sk-planted0Sentinel0Key0123456789";

  it("finds a known key in any case and in its base64, base64url and URL-encoded forms, at every alignment", () => {
    const forms = [
      key,
      key.toUpperCase(),
      encodeURIComponent(`${key}/x`),
      Buffer.from(`user:${key}`).toString("base64"),
      Buffer.from(`ab${key}`).toString("base64"),
      Buffer.from(`a${key}?`).toString("base64url"),
    ];
    for (const form of forms) {
      const text = redactText({ text: `upstream said: ${form} (rejected)`, secrets: [key] });
      expect(text, form).toContain("[redacted]");
      expect(text).not.toContain(form.slice(4, 24));
    }
  });

  it("redacts credentials of unknown owners: sk- keys, bearer and basic headers, .env assignments", () => {
    const text = redactText({ text: "Authorization: Bearer abcdefghijklmnopqrstuv\nOTHER_SERVICE_TOKEN=zyxwvutsrqponmlk\npassword: hunter2hunter2hunter2" });
    expect(text).not.toMatch(/abcdefghijklmnop|zyxwvutsrqponmlk|hunter2hunter2/);
  });

  it("leaves usage fields and prose alone", () => {
    const text = '{"prompt_tokens": 123456789012, "max_tokens": 32768} a token is about four characters';
    expect(redactText({ text, secrets: ["short"] })).toBe(text);
  });
});

describe("redactSecrets on values", () => {
  it("redacts object keys that are secrets and credential-named fields with prefixes", () => {
    const { value } = redactSecrets({ value: { "sk-abcdefghijklmnop1234": 1, moonshot_api_key: "x", nested: [{ session_token: "y" }] }, knownSecrets: [] });
    expect(JSON.stringify(value)).toBe('{"[redacted]":1,"moonshot_api_key":"[redacted]","nested":[{"session_token":"[redacted]"}]}');
  });
});

describe("redactBytes", () => {
  it("overwrites secrets in place, keeping the length and every other byte", () => {
    const key = "server-key-0123456789abcdef";
    const document = Buffer.concat([Buffer.from("%PDF-1.7\n\u00e9\u00e8 MOONSHOT_API_KEY=", "utf8"), Buffer.from(key), Buffer.from([0, 255, 10]), Buffer.from(Buffer.from(key).toString("base64"))]);
    const { bytes, changed } = redactBytes({ bytes: document, secrets: [key] });
    expect(changed).toBe(true);
    expect(bytes.length).toBe(document.length);
    expect(bytes.toString("latin1")).not.toContain(key);
    expect(bytes.toString("latin1")).not.toContain(Buffer.from(key).toString("base64").slice(0, 20));
    expect(bytes.subarray(0, 9).toString()).toBe("%PDF-1.7\n");
    expect(bytes.toString("utf8")).toContain("\u00e9\u00e8");
    expect(redactBytes({ bytes: Buffer.from("nothing here"), secrets: [key] }).changed).toBe(false);
  });
});

describe("createStreamRedactor", () => {
  it("redacts a secret split across pieces, in any case, and holds back only what could begin one", () => {
    const secret = "sk-streamSecret0123456789";
    const redactor = createStreamRedactor({ secrets: [secret] });
    const pieces = ["Your key is sk-str", "eamSecret01", "23456789 — keep it s", "afe. SK-STREAMSECRET0123456789!"];
    const out = pieces.map((piece) => redactor.push(piece)).join("") + redactor.flush();
    expect(out).toBe("Your key is [redacted] — keep it safe. [redacted]!");
    const plain = createStreamRedactor({ secrets: [secret] });
    expect(plain.push("Nothing to hide here.")).toBe("Nothing to hide here.");
    // One or two characters that could begin a secret are not held: ordinary streams keep their pace.
    expect(plain.push("It was s")).toBe("It was s");
    // Three or more wait, and are released when they turn out not to be one.
    expect(plain.push("o: sk-st")).toBe("o: ");
    expect(plain.push("op.")).toBe("sk-stop.");
    // A secret split after its first two characters: those two go out (the public "sk"), the rest is caught.
    const split = createStreamRedactor({ secrets: [secret] });
    expect(split.push("key sk") + split.push("-streamSecret0123456789 end") + split.flush()).toBe("key sk[redacted] end");
  });
});
