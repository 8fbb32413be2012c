import { createHash } from "node:crypto";
import type { TextTokenizer } from "@/lib/tokens/text-tokenizer";
import type { SimulatorDirectives } from "./simulator-directives";
import { fillJsonExample, requestedJsonExample, sampleFromSchema } from "./simulator-json";
import { SeededRandom, seedFor } from "./simulator-random";
import { messageText, type SimulatorMessage, type SimulatorRequest, type SimulatorTool } from "./simulator-request";
import type { ThinkingState } from "./simulator-rules";
import { readTopic, type Topic } from "./simulator-topic";

/** A tool call the simulator makes. */
export interface ComposedToolCall {
  id: string;
  type: string;
  name: string;
  arguments: string;
}

/** What one choice of the simulated answer consists of. */
export interface ComposedTurn {
  reasoning: string;
  content: string;
  toolCalls: ComposedToolCall[];
}

function joinKeywords(keywords: string[], chinese: boolean): string {
  if (keywords.length === 1) return keywords[0]!;
  const last = keywords[keywords.length - 1]!;
  return `${keywords.slice(0, -1).join(chinese ? "、" : ", ")}${chinese ? "和" : " and "}${last}`;
}

const reasoningPoolEnglish = [
  "Let me think about what is actually being asked before answering.",
  "I should check whether there is an implicit constraint I am missing.",
  "A concrete example will make this much easier to follow.",
  "It is worth separating the general idea from the specific details here.",
  "I should keep the answer focused and avoid padding.",
  "Let me double-check the edge cases: empty input, very large input, and invalid values.",
  "The trade-off between simplicity and completeness matters for this question.",
  "A short code sample would help, so I will include one.",
  "I need to make sure the terminology is used consistently.",
  "Let me reconsider the order: overview first, then details, then an example.",
  "Is there a common misconception worth calling out? Probably, yes.",
  "I will verify that each step follows from the previous one.",
];

const reasoningPoolChinese = [
  "我先想清楚用户真正想问的是什么。",
  "需要检查一下有没有隐含的约束条件。",
  "举一个具体的例子会更容易理解。",
  "应该把总体思路和具体细节分开讲。",
  "回答要聚焦，不要堆砌无关内容。",
  "再核对一下边界情况：空输入、超大输入和非法值。",
  "这里需要权衡简洁和完整。",
  "附上一段简短的代码示例会更有帮助。",
  "先概述，再展开细节，最后给出示例。",
];

const paragraphPoolEnglish = [
  "The core idea is simple: break the problem into small, well-defined steps and make each step easy to verify.",
  "In practice, the details matter more than the overall shape, so it pays to be explicit about inputs, outputs and failure modes.",
  "A good way to check your understanding is to predict the result before running anything, then compare.",
  "Most problems in this area come from hidden assumptions; writing them down usually reveals the issue.",
  "Performance is rarely the first concern; correctness and clarity come first, and measurement tells you where to optimize.",
  "When several approaches look equally good, prefer the one that is easiest to explain to someone else.",
  "Edge cases deserve their own tests: empty values, the largest allowed values, and malformed input.",
  "Keep the interface small and the behaviour predictable, and document the one or two surprising rules.",
];

const paragraphPoolChinese = [
  "核心思路很简单：把问题拆成小而明确的步骤，并让每一步都容易验证。",
  "实践中细节往往比整体结构更重要，所以要明确输入、输出和失败情况。",
  "检验理解的好方法是先预测结果，再运行并比较。",
  "这类问题大多源于隐含的假设，把它们写下来通常就能发现症结。",
  "性能通常不是首要问题：先保证正确和清晰，再通过测量找到需要优化的地方。",
  "当几种方案看起来差不多时，优先选择最容易向别人解释的那一种。",
];

const codeSamples: Record<string, (name: string) => string> = {
  python: (name) =>
    `def ${name}(items: list[str]) -> dict[str, int]:\n    """Count how often each item appears."""\n    counts: dict[str, int] = {}\n    for item in items:\n        counts[item] = counts.get(item, 0) + 1\n    return counts\n\n\nprint(${name}(["a", "b", "a"]))`,
  typescript: (name) =>
    `export function ${name}(items: readonly string[]): Map<string, number> {\n  const counts = new Map<string, number>();\n  for (const item of items) {\n    counts.set(item, (counts.get(item) ?? 0) + 1);\n  }\n  return counts;\n}\n\nconsole.log(${name}(["a", "b", "a"]));`,
  rust: (name) =>
    `use std::collections::HashMap;\n\nfn ${name}(items: &[&str]) -> HashMap<String, usize> {\n    let mut counts = HashMap::new();\n    for item in items {\n        *counts.entry(item.to_string()).or_insert(0) += 1;\n    }\n    counts\n}`,
  go: (name) =>
    `func ${name}(items []string) map[string]int {\n\tcounts := make(map[string]int)\n\tfor _, item := range items {\n\t\tcounts[item]++\n\t}\n\treturn counts\n}`,
  sql: () => `SELECT item, COUNT(*) AS occurrences\nFROM events\nGROUP BY item\nORDER BY occurrences DESC\nLIMIT 10;`,
  bash: () => `#!/usr/bin/env bash\nset -euo pipefail\nsort input.txt | uniq -c | sort -rn | head -n 10`,
};

function chooseLanguage({ topic, random }: { topic: Topic; random: SeededRandom }): string {
  const text = `${topic.text} ${topic.keywords.join(" ")}`.toLowerCase();
  const mentioned = Object.keys(codeSamples).find((language) => text.includes(language) || (language === "typescript" && /\b(ts|javascript|node)\b/.test(text)));
  return mentioned ?? random.pick(Object.keys(codeSamples));
}

function identifierFrom(keywords: string[]): string {
  const base = (keywords[0] ?? "items").replace(/[^a-zA-Z0-9]/g, "");
  return /^[a-zA-Z]/.test(base) ? `count_${base.toLowerCase()}`.slice(0, 30) : "count_items";
}

function buildReasoning({ topic, random, targetTokens, tokenizer, toolNames }: {
  topic: Topic;
  random: SeededRandom;
  targetTokens: number;
  tokenizer: TextTokenizer;
  toolNames: string[];
}): string {
  if (targetTokens <= 0) return "";
  const pool = topic.chinese ? reasoningPoolChinese : reasoningPoolEnglish;
  const opening = topic.chinese
    ? `用户问的是「${topic.text}」。关键点有：${joinKeywords(topic.keywords, true)}。`
    : `The user asks: "${topic.text}". The key points are ${joinKeywords(topic.keywords, false)}.`;
  const parts = [opening];
  if (toolNames.length > 0) {
    parts.push(topic.chinese ? `我可以调用 ${toolNames.join("、")} 来获取需要的信息。` : `I can call ${toolNames.join(", ")} to get the information I need.`);
  }
  let text = parts.join(" ");
  // Count what is appended rather than re-counting the whole text (long reasoning would be quadratic).
  let tokens = tokenizer.count(text);
  while (tokens < targetTokens) {
    const separator = topic.chinese || text.endsWith("\n") ? "" : " ";
    const sentence = separator + random.pickFresh(pool) + (random.next() < 0.2 ? "\n\n" : "");
    text += sentence;
    tokens += tokenizer.count(sentence);
  }
  return text.trim();
}

function buildAnswer({ topic, random, targetTokens, tokenizer }: { topic: Topic; random: SeededRandom; targetTokens: number; tokenizer: TextTokenizer }): string {
  const chinese = topic.chinese;
  const paragraphs = chinese ? paragraphPoolChinese : paragraphPoolEnglish;
  const language = chooseLanguage({ topic, random });
  const name = identifierFrom(topic.keywords);
  const sections: string[] = [
    chinese ? `关于「${topic.text}」，下面分几部分说明。` : `Here is a clear answer to "${topic.text}".`,
    `## ${chinese ? "概述" : "Overview"}\n\n${random.pickFresh(paragraphs)} ${random.pickFresh(paragraphs)}`,
    topic.keywords.map((keyword) => `- **${keyword}**: ${random.pickFresh(paragraphs)}`).join("\n"),
    `\`\`\`${language}\n${codeSamples[language]!(name)}\n\`\`\``,
    `## ${chinese ? "细节" : "Details"}\n\n${random.pickFresh(paragraphs)}`,
    `| ${chinese ? "方面" : "Aspect"} | ${chinese ? "建议" : "Recommendation"} |\n| --- | --- |\n${topic.keywords
      .map((keyword) => `| ${keyword} | ${random.pick(chinese ? ["保持简单", "先测量", "写测试"] : ["Keep it simple", "Measure first", "Write a test"])} |`)
      .join("\n")}`,
    `1. ${random.pickFresh(paragraphs)}\n2. ${random.pickFresh(paragraphs)}\n3. ${random.pickFresh(paragraphs)}`,
  ];
  let answer = sections[0]!;
  let tokens = tokenizer.count(answer);
  let sectionIndex = 1;
  let section = 1;
  while (tokens < targetTokens) {
    let addition: string;
    if (sectionIndex < sections.length) {
      addition = `\n\n${sections[sectionIndex]}`;
      sectionIndex += 1;
    } else {
      // Long answers keep going with numbered sections, each with prose and some inline code.
      section += 1;
      addition = `\n\n### ${chinese ? `第 ${section} 部分` : `Part ${section}`}\n\n${random.pickFresh(paragraphs)} ${random.pickFresh(paragraphs)} \`${name}()\``;
      if (section % 4 === 0) addition += `\n\n\`\`\`${language}\n${codeSamples[language]!(`${name}_${section}`)}\n\`\`\``;
    }
    answer += addition;
    tokens += tokenizer.count(addition);
  }
  return answer;
}

/** Whether `tool_choice` obliges the model to call a tool: `"required"` or a named function. */
function toolChoiceForces(choice: SimulatorRequest["tool_choice"]): boolean {
  return choice === "required" || (typeof choice === "object" && choice !== null);
}

/** Tool-call rounds since the last user message, and tool calls in the whole conversation (for unique ids). */
function toolHistory(messages: readonly SimulatorMessage[]): { roundsSinceUser: number; callsSoFar: number; calledSinceUser: Set<string> } {
  let roundsSinceUser = 0;
  let callsSoFar = 0;
  const calledSinceUser = new Set<string>();
  let sinceUser = true;
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index]!;
    if (message.role === "user") sinceUser = false;
    if (message.role !== "assistant" || !message.tool_calls?.length) continue;
    callsSoFar += message.tool_calls.length;
    if (sinceUser) {
      roundsSinceUser += 1;
      for (const call of message.tool_calls) calledSinceUser.add(call.function.name);
    }
  }
  return { roundsSinceUser, callsSoFar, calledSinceUser };
}

function chooseTools({ tools, choice, topic, alreadyCalled }: { tools: SimulatorTool[]; choice: SimulatorRequest["tool_choice"]; topic: Topic; alreadyCalled: Set<string> }): SimulatorTool[] {
  if (typeof choice === "object" && choice !== null) return tools.filter((tool) => tool.function.name === choice.function.name).slice(0, 1);
  // A later round reaches for a tool it has not used yet, as an agent gathering more would.
  const fresh = tools.filter((tool) => !alreadyCalled.has(tool.function.name));
  const candidates = fresh.length > 0 ? fresh : tools;
  const lower = topic.text.toLowerCase();
  const named = candidates.filter((tool) => lower.includes(tool.function.name.toLowerCase().replace(/^\$/, "")));
  if (named.length > 0) return named.slice(0, 3);
  const scored = candidates
    .map((tool) => {
      const words = `${tool.function.name} ${tool.function.description ?? ""}`.toLowerCase().split(/[^a-z0-9]+/);
      return { tool, score: topic.keywords.filter((keyword) => words.some((word) => word.length > 2 && keyword.includes(word))).length };
    })
    .sort((left, right) => right.score - left.score);
  return [scored[0]!.tool];
}

function answerFromToolResults({ request, topic }: { request: SimulatorRequest; topic: Topic }): string {
  const results: string[] = [];
  for (let index = request.messages.length - 1; index >= 0; index -= 1) {
    const message = request.messages[index]!;
    if (message.role !== "tool") break;
    const content = messageText(message.content);
    if (message.name === "$web_search" || message.tool_call_id?.startsWith("web_search:")) {
      // The service ran the search (the tool message only echoes its arguments): answer from "the web".
      results.unshift(
        topic.chinese
          ? `我联网搜索了「${topic.text}」，找到了几篇相关的资料（模拟结果）：官方文档、近期的更新说明和社区讨论都提到了 ${joinKeywords(topic.keywords, true)}。`
          : `I searched the web for "${topic.text}" and found a few relevant sources (simulated): the reference documentation, a recent changelog and a community discussion all touch on ${joinKeywords(topic.keywords, false)}.`,
      );
      continue;
    }
    results.unshift(`**${message.name ?? message.tool_call_id}** returned:\n\n\`\`\`json\n${content.length > 600 ? `${content.slice(0, 600)}…` : content}\n\`\`\``);
  }
  const intro = topic.chinese ? `根据工具返回的结果，关于「${topic.text}」：` : `Based on the tool results, here is the answer to "${topic.text}":`;
  const outro = topic.chinese ? "以上就是根据这些结果得出的结论。" : "That is everything the results show; ask if you want a closer look at any part.";
  return [intro, ...results, outro].join("\n\n");
}

/** The JSON a json_object / json_schema answer holds: the schema's shape, else the prompt's example, else a generic object. */
function composeJson({ request, random, topic }: { request: SimulatorRequest; random: SeededRandom; topic: Topic }): unknown {
  const jsonSchema = (request.response_format?.json_schema as { schema?: unknown } | undefined)?.schema;
  if (jsonSchema) return sampleFromSchema({ schema: jsonSchema, random, topic });
  const example = requestedJsonExample(request);
  if (example) return fillJsonExample({ example, random, topic });
  return { topic: topic.text, keywords: topic.keywords, answer: random.pick(topic.chinese ? paragraphPoolChinese : paragraphPoolEnglish) };
}

/** Partial mode: the continuation of the assistant prefix, never repeating it (the client joins them). */
function continuePrefix({ prefix, request, random, topic, tokenizer, targetTokens }: { prefix: string; request: SimulatorRequest; random: SeededRandom; topic: Topic; tokenizer: TextTokenizer; targetTokens: number }): string {
  const trimmed = prefix.trimStart();
  if (trimmed.startsWith("{")) {
    const json = JSON.stringify(composeJson({ request, random, topic }), null, 2);
    // The prefix opened the object; carry on from after the brace.
    return json.startsWith("{") ? json.slice(1) : json;
  }
  const answer = buildAnswer({ topic, random, targetTokens, tokenizer });
  if (prefix === "" || /\s$/.test(prefix)) return answer;
  return /[.!?。！？:：]$/.test(prefix) ? ` ${answer}` : (topic.chinese ? `，${answer}` : ` — ${answer.charAt(0).toLowerCase()}${answer.slice(1)}`);
}

// How long the simulated reasoning is, in tokens: K3's reasoning_effort scales it.
const reasoningRange: Record<string, readonly [number, number]> = { default: [60, 200], low: [20, 60], high: [60, 200], max: [150, 400] };

/**
 * Composes one choice of the simulated answer: reasoning (when thinking is on), then either tool
 * calls or the answer. Deterministic for the same request, thinking state and choice index.
 *
 * Tool calls: after a user message when tools are given (unless `tool_choice` is `none` or the
 * prompt says `[[sim tool_calls=off]]`); after tool results again while `tool_choice` forces a call
 * (`required`, a named function) or until `[[sim tool_rounds=N]]` rounds were made. Ids count up
 * over the conversation, so every call has its own.
 */
export function composeTurn({
  request,
  thinking,
  directives,
  tokenizer,
  choiceIndex,
}: {
  request: SimulatorRequest;
  thinking: ThinkingState;
  directives: SimulatorDirectives;
  tokenizer: TextTokenizer;
  choiceIndex: number;
}): ComposedTurn {
  const random = new SeededRandom(seedFor([request.model, thinking.enabled, request.messages, request.tools ?? null, request.response_format ?? null, choiceIndex]));
  const topic = readTopic(request);
  const tools = request.tools ?? [];
  const last = request.messages[request.messages.length - 1];
  const history = toolHistory(request.messages);
  const forced = toolChoiceForces(request.tool_choice);
  const partialPrefix = last?.role === "assistant" && last.partial === true ? messageText(last.content) : undefined;
  let wantsTools = false;
  if (tools.length > 0 && request.tool_choice !== "none" && partialPrefix === undefined) {
    if (last?.role === "user") wantsTools = forced || directives.toolCalls !== false;
    else if (last?.role === "tool") wantsTools = forced || history.roundsSinceUser < (directives.toolRounds ?? 1);
  }
  const calledTools = wantsTools ? chooseTools({ tools, choice: request.tool_choice, topic, alreadyCalled: history.calledSinceUser }) : [];
  const [fewest, most] = reasoningRange[thinking.effort ?? "default"] ?? reasoningRange.default!;
  const reasoningTarget = thinking.enabled ? (directives.reasoningTokens ?? random.integer(fewest, most)) : 0;
  const reasoning = buildReasoning({ topic, random, targetTokens: reasoningTarget, tokenizer, toolNames: calledTools.map((tool) => tool.function.name) });

  if (calledTools.length > 0) {
    const toolCalls = calledTools.map((tool, index): ComposedToolCall => {
      const number = history.callsSoFar + index;
      if (tool.type === "builtin_function") {
        const searchId = createHash("sha256").update(`${topic.text}\u0000${number}`).digest("hex").slice(0, 16);
        return {
          id: `${tool.function.name.replace(/^\$/, "")}:${number}`,
          type: "builtin_function",
          name: tool.function.name,
          // The documented shape (search_id, usage); the query is the simulator's addition, for display.
          arguments: JSON.stringify({ search_result: { search_id: searchId, query: topic.text }, usage: { total_tokens: 1500 + random.integer(0, 3000) } }),
        };
      }
      const args = sampleFromSchema({ schema: tool.function.parameters ?? { type: "object", properties: {} }, random, topic });
      return { id: `${tool.function.name}_${number}`, type: "function", name: tool.function.name, arguments: JSON.stringify(args) };
    });
    return { reasoning, content: "", toolCalls };
  }

  const answerTarget = directives.answerTokens ?? random.integer(120, 400);
  if (partialPrefix !== undefined) return { reasoning, content: continuePrefix({ prefix: partialPrefix, request, random, topic, tokenizer, targetTokens: answerTarget }), toolCalls: [] };
  const format = request.response_format;
  if (format?.type === "json_object" || format?.type === "json_schema") return { reasoning, content: JSON.stringify(composeJson({ request, random, topic }), null, 2), toolCalls: [] };
  if (last?.role === "tool") return { reasoning, content: answerFromToolResults({ request, topic }), toolCalls: [] };
  return { reasoning, content: buildAnswer({ topic, random, targetTokens: answerTarget, tokenizer }), toolCalls: [] };
}
