// Stand-in for the `server-only` marker package where Next's bundler is not involved: unit tests
// (vitest.config.ts) and the gateway bundle that server.mjs loads (scripts/build.mjs). Both run
// only on the server, which is what the marker guards.
export {};
