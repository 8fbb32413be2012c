import { createServer } from "node:http";
import { listenOnLoopback, type ListeningServer } from "./listen";

/** Ways an upstream can echo the key it was sent. */
export const echoForms = {
  plain: (key: string) => key,
  upper: (key: string) => key.toUpperCase(),
  base64: (key: string) => Buffer.from(key).toString("base64"),
  basicHeader: (key: string) => `Basic ${Buffer.from(`user:${key}`).toString("base64")}`,
  base64url: (key: string) => Buffer.from(`x${key}`).toString("base64url"),
  urlEncoded: (key: string) => encodeURIComponent(`${key}/`),
} as const;

/** Where in the error body the echo goes. */
export const echoFields = ["message", "type", "code", "request_id"] as const;

/** How the error arrives. */
export const echoDeliveries = ["http-401", "http-400", "http-200-error-body", "stream-error-event"] as const;

/** One hostile answer: which form, field and delivery (selected by the model name `echo-<index>`). */
export interface EchoVariant {
  form: keyof typeof echoForms;
  field: (typeof echoFields)[number];
  delivery: (typeof echoDeliveries)[number];
}

/** Every combination: 6 forms × 4 fields × 4 deliveries = 96 hostile answers. */
export const echoVariants: EchoVariant[] = Object.keys(echoForms).flatMap((form) =>
  echoFields.flatMap((field) => echoDeliveries.map((delivery) => ({ form: form as EchoVariant["form"], field, delivery }))),
);

/**
 * An OpenAI-style upstream that answers every chat request with an error echoing the bearer key
 * it received, in the form, field and delivery the model name selects.
 */
export function startHostileUpstream(): Promise<ListeningServer> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const key = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? "")?.[1] ?? "no-key";
      let model = "";
      try {
        model = String((JSON.parse(Buffer.concat(chunks).toString()) as { model?: unknown }).model ?? "");
      } catch {
        // not JSON
      }
      // The key inside the answer itself: split across three chunks, or in a complete answer.
      if (model === "answer-echo-stream") {
        response.writeHead(200, { "content-type": "text/event-stream" });
        const piece = (delta: Record<string, string>, finish: string | null = null) => `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
        const third = Math.floor(key.length / 3);
        response.write(piece({ role: "assistant", reasoning_content: `I was sent ${key.slice(0, third)}` }));
        response.write(piece({ reasoning_content: key.slice(third) }));
        response.write(piece({ content: `Your key: ${key.slice(0, third)}` }));
        response.write(piece({ content: key.slice(third, 2 * third) }));
        response.write(piece({ content: key.slice(2 * third) }, "stop"));
        return void response.end("data: [DONE]\n\n");
      }
      if (model === "answer-echo") {
        response.writeHead(200, { "content-type": "application/json" });
        return void response.end(JSON.stringify({ id: "c", object: "chat.completion", created: 1, model, choices: [{ index: 0, message: { role: "assistant", content: `Your key: ${key}`, reasoning_content: `Sent ${key.toUpperCase()}` }, finish_reason: "stop" }] }));
      }
      const variant = echoVariants[Number(/^echo-(\d+)$/.exec(model)?.[1] ?? -1)];
      if (!variant) {
        response.writeHead(404, { "content-type": "application/json" });
        return void response.end(JSON.stringify({ error: { message: `unknown model for key ${key}`, type: `key_${key}` } }));
      }
      const echoed = echoForms[variant.form](key);
      const error: Record<string, string> = { message: "Invalid Authentication", type: "invalid_authentication_error", code: "auth", request_id: "req-1" };
      error[variant.field] = variant.field === "message" ? `Incorrect API key provided: ${echoed}` : echoed;
      const body = JSON.stringify({ error });
      if (variant.delivery === "stream-error-event") {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.write(`data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model, choices: [{ index: 0, delta: { role: "assistant", content: "Hi" }, finish_reason: null }] })}\n\n`);
        return void response.end(`data: ${body}\n\n`);
      }
      const status = variant.delivery === "http-401" ? 401 : variant.delivery === "http-400" ? 400 : 200;
      response.writeHead(status, { "content-type": "application/json" });
      response.end(body);
    });
  });
  return listenOnLoopback(server);
}

/** The forms of `secret` found in `text` (any case, base64 at every alignment, URL-encoded), empty when none. */
export function findSecretForms({ text, secret }: { text: string; secret: string }): string[] {
  const found: string[] = [];
  if (text.toLowerCase().includes(secret.toLowerCase())) found.push("plain");
  if (text.includes(encodeURIComponent(secret)) && encodeURIComponent(secret) !== secret) found.push("url-encoded");
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), Buffer.from(secret)]).toString("base64");
    const core = encoded.slice(offset === 0 ? 0 : 4, Math.floor((offset + secret.length) / 3) * 4);
    if (text.includes(core) || text.includes(core.replace(/\+/g, "-").replace(/\//g, "_"))) found.push(`base64@${offset}`);
  }
  return found;
}
