// @ts-check
// Closing a connection while the client is still sending its body makes the kernel reset it, and a
// client that is still writing then fails with EPIPE before it reads the answer: a 401, 404 or 405
// sent without reading the body (a route that takes none, a GET with a body, a request refused
// before routing) would reach the client as a dropped connection. So a response's end waits until
// the rest of the body has been read and discarded, within bounds, as nginx's lingering close does.

/** How much unread body a response waits for before it ends anyway (then the client may see a reset). */
export const lingerLimits = Object.freeze({ bytes: 128 * 1024 * 1024, milliseconds: 5_000 });

/**
 * Makes `response.end()` wait, when the request's body has not been read to its end, until it has
 * been read and discarded (at most `limits.bytes`, or `limits.milliseconds`), the client stopped
 * sending, or the connection closed. Requests read to the end are not delayed at all.
 * @param {{ request: import("node:http").IncomingMessage; response: import("node:http").ServerResponse; limits?: { bytes: number; milliseconds: number } }} options
 */
export function endAfterBody({ request, response, limits = lingerLimits }) {
  const end = response.end;
  /** @type {typeof response.end} */
  const deferredEnd = function (/** @type {any[]} */ ...parameters) {
    if (request.complete || request.readableEnded || request.destroyed) return end.apply(response, /** @type {any} */ (parameters));
    let discarded = 0;
    let ended = false;
    const finish = () => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      request.off("end", finish).off("error", finish).off("close", finish);
      if (!response.destroyed) end.apply(response, /** @type {any} */ (parameters));
    };
    const timer = setTimeout(finish, limits.milliseconds);
    // Whoever read the body before (a web stream the handler left unread) is done with it; its
    // listener would pause the request again once its queue is full.
    request.removeAllListeners("data");
    request.on("data", (/** @type {Buffer} */ chunk) => {
      discarded += chunk.length;
      if (discarded > limits.bytes) finish();
    });
    request.on("end", finish).on("error", finish).on("close", finish);
    request.resume();
    return response;
  };
  response.end = deferredEnd;
}
