"use client";

import { lazy, Suspense } from "react";

// The markdown parser and renderer are the page's heaviest code; they load on demand (and are
// preloaded when the browser is idle), keeping the first-load JavaScript small.
const AnswerMarkdown = lazy(() => import("./answer-markdown").then((module) => ({ default: module.AnswerMarkdown })));

/** Starts loading the markdown renderer ahead of the first answer. */
export function preloadAnswerMarkdown(): void {
  void import("./answer-markdown");
}

/** An answer as markdown; plain text until the renderer has loaded. */
export function LazyAnswerMarkdown({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <Suspense fallback={<div className="markdown whitespace-pre-wrap">{text}</div>}>
      <AnswerMarkdown text={text} streaming={streaming} />
    </Suspense>
  );
}
