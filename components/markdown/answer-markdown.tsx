"use client";

import { memo, useDeferredValue, useEffect, useState } from "react";
import { MarkdownSplitter } from "@/lib/markdown/markdown-splitter";
import { MarkdownBlock } from "./markdown-block";

// How much of a finished answer is handed to the parser per frame when it is first shown.
const revealStep = 8_000;

/**
 * An answer as markdown, streamed or finished. The text is split into blocks incrementally; stable
 * blocks keep their props and are skipped by the memoized renderer, so each frame only renders the
 * block still being written. A finished answer that appears all at once (a reload, a long history)
 * is revealed in bounded slices and rendered in the background, so no single task parses or
 * renders all of it.
 */
export const AnswerMarkdown = memo(function AnswerMarkdown({ text, streaming }: { text: string; streaming: boolean }) {
  const [splitter] = useState(() => new MarkdownSplitter());
  // Only an answer that mounts finished is deferred; one that streamed has been rendered all along.
  const [mountedFinished] = useState(!streaming);
  const [revealed, setRevealed] = useState(() => (mountedFinished ? revealStep : Number.POSITIVE_INFINITY));
  const visible = revealed >= text.length ? text : text.slice(0, revealed);
  // First render shows plain text; markdown follows in an interruptible background render.
  const deferredVisible = useDeferredValue(mountedFinished ? visible : "", "");
  const deferred = mountedFinished ? deferredVisible : visible;
  useEffect(() => {
    if (revealed >= text.length) return;
    const frame = requestAnimationFrame(() => setRevealed((current) => current + revealStep));
    return () => cancelAnimationFrame(frame);
  }, [revealed, text.length]);
  if (deferred === "") return <div className="markdown whitespace-pre-wrap">{text}</div>;
  const { stable, tail } = splitter.split(deferred);
  return (
    <div className="markdown">
      {stable.map((block, index) => (
        <MarkdownBlock key={index} source={block} />
      ))}
      {tail && <MarkdownBlock key={stable.length} source={tail} streaming={streaming || deferred.length < text.length} />}
    </div>
  );
});
