/**
 * The key a client is counted under for rate limits: every loopback address is one client
 * (127.0.0.2, 127.0.0.3 … would otherwise each get a fresh allowance), IPv4-mapped IPv6 addresses
 * are their IPv4 address, and an IPv6 client is its /64 (one host owns a whole /64).
 */
export function clientKeyFor(address: string): string {
  const trimmed = address.trim().toLowerCase();
  if (trimmed === "" || trimmed === "unknown") return "unknown";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(trimmed)?.[1];
  const ip = mapped ?? trimmed;
  if (ip === "::1" || /^127\./.test(ip) || ip === "localhost") return "loopback";
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(ip)) return ip;
  if (ip.includes(":")) {
    const [head = "", tail] = ip.split("::");
    const headGroups = head === "" ? [] : head.split(":");
    const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
    const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
    const groups = [...headGroups, ...new Array<string>(Math.max(0, missing)).fill("0"), ...tailGroups];
    return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, "")).join(":")}::/64`;
  }
  return ip;
}
