// @ts-check
// The floor for any proxy on this stack: node:http in front, fetch to the upstream, bytes piped
// through unparsed. The gateway benchmark measures it beside the gateway, so what the gateway adds
// beyond an unavoidable extra hop is visible.
import { createServer } from "node:http";

const [upstream = ""] = process.argv.slice(2);

const server = createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const upstreamResponse = await fetch(`${upstream}${request.url}`, { method: "POST", headers: { "content-type": "application/json" }, body: Buffer.concat(chunks) });
  response.writeHead(upstreamResponse.status, { "content-type": upstreamResponse.headers.get("content-type") ?? "text/event-stream" });
  for await (const chunk of /** @type {AsyncIterable<Uint8Array>} */ (upstreamResponse.body)) response.write(chunk);
  response.end();
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : 0}\n`);
});
