import { test as base, expect } from "@playwright/test";

const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/**
 * Every test runs with requests to anything but loopback blocked, and fails if one was attempted:
 * the workbench must work with no network beyond this machine.
 */
export const test = base.extend<{ externalRequests: string[] }>({
  externalRequests: [
    async ({ context }, use) => {
      const blocked: string[] = [];
      await context.route("**/*", async (route) => {
        const url = new URL(route.request().url());
        if (loopbackHosts.has(url.hostname)) return route.continue();
        blocked.push(url.href);
        return route.abort("blockedbyclient");
      });
      await use(blocked);
      expect(blocked, "requests to hosts other than loopback").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
