import type { ChatCompletion } from "@/lib/wire/chat-response";
import type { ToolCall } from "@/lib/wire/chat-request";
import { mapFinishReason } from "@/lib/wire/finish-reason";
import { normalizeUsage } from "@/lib/wire/usage";
import type { LenientCompletion } from "./openai-style-schemas";

/** Normalizes a non-streamed answer: `reasoning` becomes `reasoning_content`, usage and finish reasons mapped. */
export function normalizeCompletion({
  completion,
  requestedModel,
}: {
  completion: LenientCompletion;
  requestedModel: string;
}): ChatCompletion {
  const { id, object: _object, created, model, choices, usage, ...rest } = completion;
  return {
    ...rest,
    id: id ?? "chatcmpl-gateway",
    object: "chat.completion",
    created: created ?? Math.floor(Date.now() / 1000),
    model: model ?? requestedModel,
    choices: (choices ?? []).map((choice, position) => {
      const { index, message, finish_reason: finishReason, ...choiceRest } = choice;
      const { role: _role, content, reasoning_content: reasoningContent, reasoning, tool_calls: toolCalls, ...messageRest } = message ?? {};
      const reasoningText = reasoningContent ?? reasoning ?? undefined;
      const normalizedToolCalls: ToolCall[] | undefined = toolCalls?.map((call, callIndex) => ({
        id: call.id || `call_${callIndex}`,
        type: call.type || "function",
        function: { name: call.function?.name ?? "", arguments: call.function?.arguments ?? "" },
      }));
      return {
        ...choiceRest,
        index: index ?? position,
        message: {
          ...messageRest,
          role: "assistant" as const,
          content: content ?? null,
          ...(reasoningText !== undefined ? { reasoning_content: reasoningText } : {}),
          ...(normalizedToolCalls && normalizedToolCalls.length > 0 ? { tool_calls: normalizedToolCalls } : {}),
        },
        finish_reason: mapFinishReason(finishReason),
      };
    }),
    ...(usage ? { usage: normalizeUsage(usage) } : {}),
  };
}
