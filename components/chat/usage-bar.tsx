import type { PromptEstimate, TurnTimings } from "@/lib/conversation/conversation-types";
import type { Usage } from "@/lib/wire/chat-response";

const number = (value: number) => value.toLocaleString("en-US");
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Tokens (prompt, completion, reasoning, cached) and timings (first token, thinking, tokens/s) of an answer. */
export function UsageBar({ usage, timings, attempts, estimate }: { usage?: Usage; timings?: TurnTimings; attempts?: number; estimate?: PromptEstimate }) {
  const items: Array<{ label: string; value: string; title: string }> = [];
  if (usage) {
    items.push({ label: "Prompt", value: number(usage.prompt_tokens), title: "Prompt tokens billed by the provider" });
    if (estimate) {
      const difference = usage.prompt_tokens - estimate.tokens;
      items.push({
        label: estimate.exact ? "Counted before sending" : "Estimated",
        value: `${estimate.exact ? "" : "≈"}${number(estimate.tokens)}${difference === 0 ? " (=)" : ` (${difference > 0 ? "+" : "−"}${number(Math.abs(difference))})`}`,
        title: estimate.exact ? "The provider's token count before sending, and how far the billed prompt differs" : "The workbench's local estimate before sending, and how far the billed prompt differs",
      });
    }
    const cached = usage.cached_tokens ?? usage.prompt_tokens_details?.cached_tokens;
    if (cached !== undefined) items.push({ label: "Cached", value: number(cached), title: "Prompt tokens served from the provider's cache" });
    items.push({ label: "Completion", value: number(usage.completion_tokens), title: "Completion tokens (answer plus reasoning)" });
    const reasoning = usage.completion_tokens_details?.reasoning_tokens;
    if (reasoning !== undefined) items.push({ label: "Reasoning", value: number(reasoning), title: "Completion tokens spent reasoning" });
  }
  if (timings?.firstTokenMs !== undefined) items.push({ label: "First token", value: seconds(timings.firstTokenMs), title: "From sending the request to the first token" });
  if (timings?.thinkingMs !== undefined) items.push({ label: "Thinking", value: seconds(timings.thinkingMs), title: "From the first reasoning token to the first answer token" });
  if (timings?.tokensPerSecond !== undefined) items.push({ label: "Speed", value: `${timings.tokensPerSecond.toFixed(1)} tok/s`, title: "Completion tokens per second after the first token" });
  if (attempts !== undefined && attempts > 1) items.push({ label: "Attempts", value: String(attempts), title: "The gateway retried before the first byte (rate limit, overload or a dropped connection)" });
  if (items.length === 0) return null;
  return (
    <dl aria-label="Usage and timings" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
      {items.map((item) => (
        <div key={item.label} className="flex gap-1" title={item.title}>
          <dt>{item.label}</dt>
          <dd className="font-mono text-zinc-700 tabular-nums dark:text-zinc-300">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
