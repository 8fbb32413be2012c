import type { ChatCompletion, ChatCompletionChunk } from "@/lib/wire/chat-response";
import { createStreamRedactor, redactText, type StreamRedactor } from "@/lib/wire/redact-secrets";
import type { GatewayEvent } from "./normalize-stream";

// An upstream knows the key it was sent; a hostile one (or a model told it by a careless prompt)
// can put it into the answer itself. Answers pass the same redaction as errors, streamed or not.

type TextField = "content" | "reasoning_content";
const textFields: readonly TextField[] = ["content", "reasoning_content"];

/** A complete answer with the given secrets redacted from its text and reasoning. */
export function redactCompletion({ completion, secrets }: { completion: ChatCompletion; secrets: ReadonlyArray<string | undefined> }): ChatCompletion {
  return {
    ...completion,
    choices: completion.choices.map((choice) => ({
      ...choice,
      message: {
        ...choice.message,
        content: choice.message.content === null ? null : redactText({ text: choice.message.content, secrets }),
        ...(typeof choice.message.reasoning_content === "string" ? { reasoning_content: redactText({ text: choice.message.reasoning_content, secrets }) } : {}),
      },
    })),
  };
}

/**
 * Passes stream events on with the secrets redacted from each choice's text and reasoning, even
 * when a secret is split across chunks (a few characters may wait for the next chunk). Held text is
 * released with the choice's finishing chunk, or in a chunk of its own before the stream ends.
 */
export async function* redactingStream({ events, secrets }: { events: AsyncGenerator<GatewayEvent>; secrets: ReadonlyArray<string | undefined> }): AsyncGenerator<GatewayEvent> {
  const redactors = new Map<string, StreamRedactor>();
  const redactorFor = (index: number, field: TextField) => {
    const key = `${index}:${field}`;
    let redactor = redactors.get(key);
    if (!redactor) redactors.set(key, (redactor = createStreamRedactor({ secrets })));
    return redactor;
  };
  let template: ChatCompletionChunk | undefined;
  const flushAll = (): ChatCompletionChunk | undefined => {
    const choices: ChatCompletionChunk["choices"] = [];
    for (const [key, redactor] of redactors) {
      const held = redactor.flush();
      if (held === "") continue;
      const [index, field] = key.split(":") as [string, TextField];
      choices.push({ index: Number(index), delta: { [field]: held }, finish_reason: null });
    }
    return choices.length > 0 && template ? { ...template, choices, usage: undefined } : undefined;
  };
  try {
    for await (const event of events) {
      if (event.type !== "chunk") {
        const held = flushAll();
        if (held) yield { type: "chunk", chunk: held };
        yield event;
        continue;
      }
      template ??= event.chunk;
      const choices = event.chunk.choices.map((choice) => {
        const delta = { ...choice.delta };
        for (const field of textFields) {
          const value = delta[field];
          if (typeof value === "string") delta[field] = redactorFor(choice.index, field).push(value);
          // The finishing chunk carries whatever was still held for this choice.
          if (choice.finish_reason !== null) {
            const held = redactorFor(choice.index, field).flush();
            if (held !== "") delta[field] = (typeof delta[field] === "string" ? delta[field] : "") + held;
          }
        }
        return { ...choice, delta };
      });
      yield { type: "chunk", chunk: { ...event.chunk, choices } };
    }
  } finally {
    await events.return(undefined);
  }
}
