"use client";

import { memo, useState } from "react";
import { MarkdownSplitter } from "@/lib/markdown/markdown-splitter";
import { MarkdownBlock } from "./markdown-block";

/**
 * An answer as markdown, streamed or finished. The text is split into blocks incrementally; stable
 * blocks keep their props and are skipped by the memoized renderer, so each frame only renders the
 * block still being written.
 */
export const AnswerMarkdown = memo(function AnswerMarkdown({ text, streaming }: { text: string; streaming: boolean }) {
  const [splitter] = useState(() => new MarkdownSplitter());
  const { stable, tail } = splitter.split(text);
  return (
    <div className="markdown">
      {stable.map((block, index) => (
        <MarkdownBlock key={index} source={block} />
      ))}
      {tail && <MarkdownBlock key={stable.length} source={tail} streaming={streaming} />}
    </div>
  );
});
