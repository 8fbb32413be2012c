"use client";

import { useTranslations } from "next-intl";
import { createContext, Fragment, useContext, useEffect, useState, type ReactNode } from "react";
import type { HighlightNode } from "@/lib/markdown/highlighter";
import { highlightCode } from "@/lib/markdown/highlight-code";
import { CopyButton } from "@/components/ui/copy-button";

/** True inside a block that is still streaming: its code is shown plain until the block is finished. */
export const StreamingBlockContext = createContext(false);

function renderNodes(nodes: HighlightNode[]): ReactNode {
  return nodes.map((node, index) =>
    node.type === "text" ? <Fragment key={index}>{node.value}</Fragment> : <span key={index} className={node.className}>{renderNodes(node.children)}</span>,
  );
}

/** A fenced code block with its language, a copy button, and highlighting once it is complete. */
export function CodeBlock({ code, language }: { code: string; language: string }) {
  const streaming = useContext(StreamingBlockContext);
  const t = useTranslations();
  const [highlighted, setHighlighted] = useState<{ code: string; nodes: HighlightNode[] }>();
  useEffect(() => {
    if (streaming || !language) return;
    let cancelled = false;
    void highlightCode({ code, language }).then((nodes) => {
      if (!cancelled && nodes) setHighlighted({ code, nodes });
    });
    return () => {
      cancelled = true;
    };
  }, [code, language, streaming]);
  const nodes = highlighted?.code === code ? highlighted.nodes : undefined;
  return (
    <div className="code-block group relative overflow-hidden rounded-md border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex items-center justify-between border-b border-zinc-200 px-3 py-1 text-xs text-zinc-500 dark:text-zinc-400 dark:border-zinc-800">
        <span>{language || "text"}</span>
        <CopyButton text={code} label={t("markdown.copyCode")} />
      </div>
      <pre tabIndex={0} className="overflow-x-auto p-3 text-[13px] leading-6">
        <code className="font-mono">{nodes ? renderNodes(nodes) : code}</code>
      </pre>
    </div>
  );
}
