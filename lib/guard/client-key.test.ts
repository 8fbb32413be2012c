import { describe, expect, it } from "vitest";
import { clientKeyFor } from "./client-key";

describe("clientKeyFor", () => {
  it("counts every loopback address as one client", () => {
    expect(new Set(["127.0.0.1", "127.0.0.2", "127.9.8.7", "::1", "::ffff:127.0.0.3"].map(clientKeyFor))).toEqual(new Set(["loopback"]));
  });
  it("maps IPv4-mapped addresses to IPv4 and IPv6 clients to their /64", () => {
    expect(clientKeyFor("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(clientKeyFor("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKeyFor("2001:0db8:0001:0002:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(clientKeyFor("2001:db8::5")).toBe("2001:db8:0:0::/64");
  });
});
