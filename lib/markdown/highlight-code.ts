import type { HighlightNode, highlight } from "./highlighter";

let loading: Promise<{ highlight: typeof highlight }> | undefined;

/** Highlights code with grammars loaded on first use (a separate chunk). */
export async function highlightCode({ code, language }: { code: string; language: string }): Promise<HighlightNode[] | undefined> {
  loading ??= import("./highlighter");
  const highlighter = await loading;
  return highlighter.highlight({ code, language });
}
