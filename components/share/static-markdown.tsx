import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { highlight, type HighlightNode } from "@/lib/markdown/highlighter";

// Markdown rendered once, on the server, into static HTML (the shared page has no JavaScript):
// code highlighted synchronously, links opened in a new tab without a referrer.

function textOf(node: unknown): string {
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement(node)) return textOf((node.props as { children?: unknown }).children);
  return "";
}

function renderNodes(nodes: HighlightNode[]): ReactNode {
  return nodes.map((node, index) => (node.type === "text" ? <Fragment key={index}>{node.value}</Fragment> : <span key={index} className={node.className}>{renderNodes(node.children)}</span>));
}

const remarkPlugins = [remarkGfm];
const components: Components = {
  pre({ children }) {
    const code = (Array.isArray(children) ? children[0] : children) as ReactElement<{ className?: string; children?: unknown }> | undefined;
    const language = /language-([\w+#-]+)/.exec(code?.props.className ?? "")?.[1] ?? "";
    const text = textOf(code?.props.children).replace(/\n$/, "");
    const nodes = language ? highlight({ code: text, language }) : undefined;
    return (
      <div className="code-block overflow-hidden rounded-md border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="border-b border-zinc-200 px-3 py-1 text-xs text-zinc-500 dark:text-zinc-400 dark:border-zinc-800">{language || "text"}</div>
        <pre tabIndex={0} className="overflow-x-auto p-3 text-[13px] leading-6">
          <code className="font-mono">{nodes ? renderNodes(nodes) : text}</code>
        </pre>
      </div>
    );
  },
  a({ href, children }) {
    return (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    );
  },
};

/** An answer's markdown as static HTML (raw HTML in the markdown is not rendered). */
export function StaticMarkdown({ source }: { source: string }) {
  return (
    <Markdown remarkPlugins={remarkPlugins} components={components} skipHtml>
      {source}
    </Markdown>
  );
}
