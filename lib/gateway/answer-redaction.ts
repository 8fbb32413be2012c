import type { ChatCompletion, ChatCompletionChunk } from "@/lib/wire/chat-response";
import { createStreamRedactor, redactText, type StreamRedactor } from "@/lib/wire/redact-secrets";

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
 * Redacts the secrets from each choice's text and reasoning in a stream of chunks, even when a
 * secret is split across chunks (a few characters may wait for the next chunk). Held text is
 * released with the choice's finishing chunk, or by `flush` before the stream ends. Without secrets
 * it passes chunks through untouched.
 */
export class StreamAnswerRedactor {
  private readonly redactors = new Map<string, StreamRedactor>();
  private template: ChatCompletionChunk | undefined;
  private readonly active: boolean;

  constructor(private readonly secrets: ReadonlyArray<string | undefined>) {
    this.active = secrets.some((secret) => typeof secret === "string" && secret.length >= 8);
  }

  private redactorFor(index: number, field: TextField): StreamRedactor {
    const key = `${index}:${field}`;
    let redactor = this.redactors.get(key);
    if (!redactor) this.redactors.set(key, (redactor = createStreamRedactor({ secrets: this.secrets })));
    return redactor;
  }

  /** The chunk with its text redacted (and held text of finishing choices released). */
  redact(chunk: ChatCompletionChunk): ChatCompletionChunk {
    if (!this.active) return chunk;
    this.template ??= chunk;
    const choices = chunk.choices.map((choice) => {
      const delta = { ...choice.delta };
      for (const field of textFields) {
        const value = delta[field];
        if (typeof value === "string") delta[field] = this.redactorFor(choice.index, field).push(value);
        // The finishing chunk carries whatever was still held for this choice.
        if (choice.finish_reason !== null) {
          const held = this.redactorFor(choice.index, field).flush();
          if (held !== "") delta[field] = (typeof delta[field] === "string" ? delta[field] : "") + held;
        }
      }
      return { ...choice, delta };
    });
    return { ...chunk, choices };
  }

  /** A chunk with whatever text is still held, or undefined (call before the stream's last event). */
  flush(): ChatCompletionChunk | undefined {
    const choices: ChatCompletionChunk["choices"] = [];
    for (const [key, redactor] of this.redactors) {
      const held = redactor.flush();
      if (held === "") continue;
      const [index, field] = key.split(":") as [string, TextField];
      choices.push({ index: Number(index), delta: { [field]: held }, finish_reason: null });
    }
    return choices.length > 0 && this.template ? { ...this.template, choices, usage: undefined } : undefined;
  }
}
