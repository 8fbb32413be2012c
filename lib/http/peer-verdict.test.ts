import { describe, expect, it } from "vitest";
import { clientAddressOf, isLocalRequest, peerPolicyFor, stampPeerVerdict } from "./peer-verdict.mjs";

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

  it("counts only the loopback names as local Hosts: any other IP literal is what a proxy or rebinding page would send", () => {
    expect(isLocalRequest({ remoteAddress: "127.0.0.1", headers: { host: "198.51.100.20:8080" } })).toBe(false);
    expect(isLocalRequest({ remoteAddress: "127.0.0.1", headers: { host: "127.0.0.2:3000" } })).toBe(false);
    expect(isLocalRequest({ remoteAddress: "127.0.0.1", headers: { host: "[2001:db8::1]:3000" } })).toBe(false);
    expect(isLocalRequest({ remoteAddress: "127.0.0.1", headers: { host: "kimi.box:3000" } }, { loopbackCounts: true, trustedProxies: 0, hostNames: ["kimi.box"] })).toBe(true);
    expect(isLocalRequest({ remoteAddress: "127.0.0.1", headers: { host: "local host" } })).toBe(false);
  });

  it("treats HTTP/1.0 (nginx's default proxy_pass, which rewrites Host and adds no X-Forwarded-For) as remote", () => {
    expect(isLocalRequest({ remoteAddress: "127.0.0.1", headers: { host: "127.0.0.1:3000" }, httpVersion: "1.0" })).toBe(false);
  });

  it("never counts loopback when listening beyond it or behind a trusted proxy", () => {
    const local = { remoteAddress: "127.0.0.1", headers: { host: "127.0.0.1:3000" } };
    expect(isLocalRequest(local, peerPolicyFor({ hostname: "127.0.0.1", env: {} }))).toBe(true);
    expect(isLocalRequest(local, peerPolicyFor({ hostname: "0.0.0.0", env: {} }))).toBe(false);
    expect(isLocalRequest(local, peerPolicyFor({ hostname: "127.0.0.1", env: { WORKBENCH_TRUST_PROXY: "1" } }))).toBe(false);
  });

  it("reads the client's address from X-Forwarded-For only behind trusted proxies, from the right", () => {
    const request = { remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": "10.9.9.9, 203.0.113.5" } };
    expect(clientAddressOf(request, peerPolicyFor({ hostname: "127.0.0.1", env: {} }))).toBe("127.0.0.1");
    expect(clientAddressOf(request, peerPolicyFor({ hostname: "127.0.0.1", env: { WORKBENCH_TRUST_PROXY: "true" } }))).toBe("203.0.113.5");
    expect(clientAddressOf(request, peerPolicyFor({ hostname: "127.0.0.1", env: { WORKBENCH_TRUST_PROXY: "2" } }))).toBe("10.9.9.9");
  });

  it("overwrites a verdict header the client sent itself", () => {
    const headers: Record<string, string | string[] | undefined> = { host: "example.com", "x-workbench-peer": "guess;loopback" };
    stampPeerVerdict({ remoteAddress: "198.51.100.7", headers }, "s3cret");
    expect(headers["x-workbench-peer"]).toBe("s3cret;remote;198.51.100.7");
  });
});
