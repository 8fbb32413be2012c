import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { productionSourceFiles } from "@/testing/source-files";
import { messagesFor } from "./messages";
import { serverMessage, type ServerMessageCode } from "./server-message";

describe("serverMessage", () => {
  it("words the English catalog's message, with the code and string values beside it", () => {
    const written = serverMessage({ code: "runNotFound", values: { id: "run-7" } });
    expect(written).toEqual({ message: "There is no run run-7 on this server.", messageCode: "runNotFound", messageValues: { id: "run-7" } });
    expect(serverMessage({ code: "deadlineExceeded", values: { provider: "Moonshot", seconds: 30 } }).messageValues).toEqual({ provider: "Moonshot", seconds: "30" });
  });

  it("leaves no trailing space when an optional hint is empty, and picks the words a select names", () => {
    expect(serverMessage({ code: "providerNotConfigured", values: { provider: "DashScope", hint: "" } }).message).toBe("DashScope is not configured.");
    expect(serverMessage({ code: "bodyTooLarge", values: { size: "5.0 MB", limit: "4.0 MB", source: "fixedSignIn" } }).message).toBe("The request body is 5.0 MB; this route accepts at most 4.0 MB (the fixed limit for sign-in requests).");
    expect(serverMessage({ code: "bodyTooLarge", values: { size: "5.0 MB", limit: "4.0 MB", source: "GATEWAY_MAX_BODY_MB" } }).message).toBe(
      "The request body is 5.0 MB; this route accepts at most 4.0 MB (GATEWAY_MAX_BODY_MB). Upload large media as files (ms:// ids) instead of inlining it as base64.",
    );
  });

  it("has every catalog message in use (the catalog test checks that the Chinese of each formats)", () => {
    const source = productionSourceFiles(["lib", "app"]).map((path) => readFileSync(path, "utf8")).join("\n");
    const codes = Object.keys(messagesFor("en").serverErrors) as ServerMessageCode[];
    expect(codes.length).toBeGreaterThan(40);
    for (const code of codes) expect(source, `serverErrors.${code} is never written`).toContain(`"${code}"`);
  });
});
