import { describe, expect, it } from "vitest";
import { isLocalRequest, stampPeerVerdict } from "./peer-verdict.mjs";

describe("loopback verdict", () => {
  it("trusts a direct loopback connection to a local host name", () => {
    expect(isLocalRequest({ remoteAddress: "127.0.0.1", headers: { host: "localhost:3000" } })).toBe(true);
    expect(isLocalRequest({ remoteAddress: "::1", headers: { host: "[::1]:3000" } })).toBe(true);
    expect(isLocalRequest({ remoteAddress: "::ffff:127.0.0.1", headers: { host: "127.0.0.1:3000" } })).toBe(true);
  });

  it("does not trust remote sockets, whatever the headers claim", () => {
    expect(isLocalRequest({ remoteAddress: "192.168.1.20", headers: { host: "localhost:3000" } })).toBe(false);
    expect(isLocalRequest({ remoteAddress: "10.0.0.5", headers: { host: "127.0.0.1", "x-forwarded-for": "127.0.0.1" } })).toBe(false);
  });

  it("treats requests relayed by a local reverse proxy as remote", () => {
    expect(isLocalRequest({ remoteAddress: "127.0.0.1", headers: { host: "127.0.0.1:3000", "x-forwarded-for": "203.0.113.9" } })).toBe(false);
    expect(isLocalRequest({ remoteAddress: "127.0.0.1", headers: { host: "127.0.0.1:3000", forwarded: "for=203.0.113.9" } })).toBe(false);
  });

  it("refuses a DNS-rebinding host name on a loopback socket", () => {
    expect(isLocalRequest({ remoteAddress: "127.0.0.1", headers: { host: "evil.example:3000" } })).toBe(false);
  });

  it("overwrites a verdict header the client sent itself", () => {
    const headers: Record<string, string | string[] | undefined> = { host: "example.com", "x-workbench-peer": "guess;loopback" };
    stampPeerVerdict({ remoteAddress: "198.51.100.7", headers }, "s3cret");
    expect(headers["x-workbench-peer"]).toBe("s3cret;remote;198.51.100.7");
  });
});
