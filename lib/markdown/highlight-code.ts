import type { HighlightNode, highlight } from "./highlighter";

let loading: Promise<{ highlight: typeof highlight }> | undefined;
const queue: Array<() => void> = [];
let draining = false;

// Highlighting runs in tasks of at most ~8 ms, so a page with dozens of code blocks (a long
// history, a reload) does not highlight them all in one long task.
function drain(): void {
  const startedAt = performance.now();
  while (queue.length > 0 && performance.now() - startedAt < 8) queue.shift()!();
  if (queue.length > 0) setTimeout(drain, 0);
  else draining = false;
}

/** Highlights code with grammars loaded on first use (a separate chunk), a few blocks per task. */
export async function highlightCode({ code, language }: { code: string; language: string }): Promise<HighlightNode[] | undefined> {
  loading ??= import("./highlighter");
  const highlighter = await loading;
  return new Promise((resolve) => {
    queue.push(() => resolve(highlighter.highlight({ code, language })));
    if (!draining) {
      draining = true;
      setTimeout(drain, 0);
    }
  });
}
