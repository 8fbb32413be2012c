"use client";

import { useState } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import type { ToolCall } from "@/lib/wire/chat-request";

/**
 * The model asked for tools: write each result (as the tool would return it) and send them back so
 * the model can continue. Kimi's $web_search is answered with its own arguments, as documented.
 */
export function ToolResultsForm({ toolCalls, disabled }: { toolCalls: ToolCall[]; disabled: boolean }) {
  const [results, setResults] = useState<string[]>(() => toolCalls.map((call) => (call.function.name === "$web_search" ? call.function.arguments : "")));
  const ready = results.every((result) => result.trim() !== "");
  return (
    <form
      aria-label="Tool results"
      className="space-y-2 rounded-md border border-dashed border-zinc-300 p-3 dark:border-zinc-700"
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready) return;
        conversationStore.submitToolResults(toolCalls.map((call, index) => ({ toolCallId: call.id, name: call.function.name, content: results[index]! })));
      }}
    >
      <p className="text-xs text-zinc-500">The model is waiting for {toolCalls.length === 1 ? "this tool's result" : "these tools' results"}:</p>
      {toolCalls.map((call, index) => (
        <div key={call.id || index} className="space-y-1">
          <label htmlFor={`tool-result-${call.id}`} className="font-mono text-xs">
            {call.function.name}({call.function.arguments})
          </label>
          <textarea
            id={`tool-result-${call.id}`}
            aria-label={`Result of ${call.function.name}`}
            rows={3}
            value={results[index]}
            placeholder='e.g. {"temperature": 21, "condition": "sunny"}'
            onChange={(event) => setResults(results.map((result, position) => (position === index ? event.target.value : result)))}
            className="w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
      ))}
      <button type="submit" disabled={!ready || disabled} className="rounded-md bg-accent-600 px-3 py-1 text-xs text-white disabled:opacity-50">
        Send {toolCalls.length === 1 ? "result" : "results"}
      </button>
    </form>
  );
}
