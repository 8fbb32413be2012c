// Header names of the gateway's contract, shared by the server, the page and the tests.

/** Carries a key the user pasted (kept in their browser, sent per request, never stored or logged). */
export const userKeyHeader = "x-provider-api-key";

/** How many upstream attempts the gateway needed (retries happen before the first byte). */
export const attemptsHeader = "x-workbench-attempts";

/** How many times the gateway may retry a failed upstream call before the first byte (0: never); at most what the server allows. */
export const retriesHeader = "x-workbench-retries";

/** Tells clients (openai-node, and LangChain through it) whether retrying may help; "false" once the gateway has given up. */
export const shouldRetryHeader = "x-should-retry";

/** `off` turns the gateway's reasoning replay off for one request. */
export const reasoningReplayHeader = "x-workbench-reasoning-replay";

/** How many assistant tool-call turns the gateway gave their reasoning back (when any). */
export const reasoningReplayedHeader = "x-workbench-reasoning-replayed";

/** What the gateway adjusted in a request before sending it (comma-separated paths), when anything. */
export const adjustedHeader = "x-workbench-adjusted";

/**
 * `1` asks the gateway to show its retries on a streamed answer: at the first retry it starts the
 * 200 event stream and sends a `workbench.retry` event before each wait (a final failure then comes
 * as the stream's error event). Only the workbench's own page asks; other clients keep the plain
 * HTTP status of a failure.
 */
export const retryNoticesHeader = "x-workbench-retry-notices";
