// @ts-check
// A stand-in upstream for the gateway benchmark, in its own process so that calling it directly
// and through the gateway both cross process boundaries. Streams `count` chunks `spacing` ms apart;
// the first chunk goes out at once, so time to first byte measures the path, not a model.
import { createServer } from "node:http";

const [count = 40, spacing = 10] = process.argv.slice(2).map(Number);

/** @param {number} index */
function chunk(index) {
  return `data: ${JSON.stringify({ id: "chatcmpl-bench", object: "chat.completion.chunk", created: 1, model: "bench", choices: [{ index: 0, delta: { content: `token${index} ` }, finish_reason: null }] })}\n\n`;
}

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    let sent = 0;
    response.write(chunk(sent++));
    const timer = setInterval(() => {
      if (sent < count) return void response.write(chunk(sent++));
      clearInterval(timer);
      const end = { id: "chatcmpl-bench", object: "chat.completion.chunk", created: 1, model: "bench", choices: [{ index: 0, delta: {}, finish_reason: "stop" }], usage: { prompt_tokens: 1, completion_tokens: count, total_tokens: count + 1 } };
      response.write(`data: ${JSON.stringify(end)}\n\n`);
      response.end("data: [DONE]\n\n");
    }, spacing);
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : 0}\n`);
});
