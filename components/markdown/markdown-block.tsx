"use client";

import { isValidElement, memo, type ReactElement, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { linkHost, remoteImageHost, stripBidiControls } from "@/lib/markdown/link-safety";
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
    const host = linkHost(href);
    return (
      <a href={href} target="_blank" rel="noreferrer noopener" title={host ? `Opens ${host}` : undefined}>
        {cleanLinkText(children)}
      </a>
    );
  },
  img({ src, alt }) {
    const source = typeof src === "string" ? src : undefined;
    const host = remoteImageHost(source);
    // Model output's own images (data: URLs) are shown as they are; next/image would only add work.
    // eslint-disable-next-line @next/next/no-img-element
    if (!host) return <img src={source} alt={stripBidiControls(alt ?? "")} className="max-w-full" />;
    return <RemoteImageLink source={source} alt={alt} host={host} />;
  },
};

/** A remote image in model output: never fetched by the page (its CSP would refuse it anyway), shown as a link to open by choice. */
function RemoteImageLink({ source, alt, host }: { source: string | undefined; alt: string | undefined; host: string }) {
  const t = useTranslations();
  return (
      <a href={source} target="_blank" rel="noreferrer noopener" className="inline-flex items-center gap-1 rounded border border-dashed border-zinc-400 px-1.5 py-0.5 text-sm dark:border-zinc-600" data-remote-image={host}>
        <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.5">
          <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
          <circle cx="5.5" cy="6" r="1.25" />
          <path d="M2 12l4-4 3 3 2-2 3 3" />
        </svg>
        <span>{stripBidiControls(alt ?? "") || t("markdown.image")}</span>
        <span className="text-zinc-500 dark:text-zinc-400">{t("markdown.remoteImage", { host })}</span>
      </a>
  );
}

/** Link text with bidirectional controls removed, so it reads as it is. */
function cleanLinkText(children: ReactNode): ReactNode {
  if (typeof children === "string") return stripBidiControls(children);
  if (Array.isArray(children)) return children.map((child) => (typeof child === "string" ? stripBidiControls(child) : child));
  return children;
}

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
