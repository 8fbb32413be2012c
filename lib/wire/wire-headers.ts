// Header names of the gateway's contract, shared by the server, the page and the tests.

/** Carries a key the user pasted (kept in their browser, sent per request, never stored or logged). */
export const userKeyHeader = "x-provider-api-key";

/** How many upstream attempts the gateway needed (retries happen before the first byte). */
export const attemptsHeader = "x-workbench-attempts";
