"use client";

import { isValidElement, memo, type ReactElement } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { CodeBlock, StreamingBlockContext } from "./code-block";

function textOf(node: unknown): string {
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement(node)) return textOf((node.props as { children?: unknown }).children);
  return "";
}

// Module-level constants: the renderer gets the same props object every time.
const remarkPlugins = [remarkGfm];
const components: Components = {
  pre({ children }) {
    const code = (Array.isArray(children) ? children[0] : children) as ReactElement<{ className?: string; children?: unknown }> | undefined;
    const language = /language-([\w+#-]+)/.exec(code?.props.className ?? "")?.[1] ?? "";
    return <CodeBlock code={textOf(code?.props.children).replace(/\n$/, "")} language={language} />;
  },
  a({ href, children }) {
    return (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    );
  },
};

/** One top-level markdown block. Memoized: a finished block is rendered once, whatever streams after it. */
export const MarkdownBlock = memo(function MarkdownBlock({ source, streaming = false }: { source: string; streaming?: boolean }) {
  return (
    <StreamingBlockContext.Provider value={streaming}>
      <Markdown remarkPlugins={remarkPlugins} components={components} skipHtml>
        {source}
      </Markdown>
    </StreamingBlockContext.Provider>
  );
});
