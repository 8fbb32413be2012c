import { createLowlight } from "lowlight";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import csharp from "highlight.js/lib/languages/csharp";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import kotlin from "highlight.js/lib/languages/kotlin";
import markdown from "highlight.js/lib/languages/markdown";
import php from "highlight.js/lib/languages/php";
import python from "highlight.js/lib/languages/python";
import ruby from "highlight.js/lib/languages/ruby";
import rust from "highlight.js/lib/languages/rust";
import shell from "highlight.js/lib/languages/shell";
import sql from "highlight.js/lib/languages/sql";
import swift from "highlight.js/lib/languages/swift";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";

// Loaded on demand (see highlight-code.ts): the grammars stay out of the page's first-load JS.
const lowlight = createLowlight({
  bash, c, cpp, csharp, css, diff, go, java, javascript, json, kotlin, markdown, php, python, ruby, rust, shell, sql, swift, typescript, xml, yaml,
});
lowlight.registerAlias({ bash: ["sh", "zsh"], javascript: ["js", "jsx", "mjs"], typescript: ["ts", "tsx"], xml: ["html", "svg"], yaml: ["yml"], python: ["py"], rust: ["rs"], markdown: ["md"] });

/** Highlight nodes (a small subset of hast: elements with classes, and text). */
export type HighlightNode = { type: "text"; value: string } | { type: "element"; className: string; children: HighlightNode[] };

function convert(node: { type: string; value?: string; properties?: { className?: unknown }; children?: unknown[] }): HighlightNode | undefined {
  if (node.type === "text") return { type: "text", value: node.value ?? "" };
  if (node.type !== "element") return undefined;
  const className = Array.isArray(node.properties?.className) ? node.properties.className.join(" ") : "";
  return { type: "element", className, children: (node.children ?? []).map((child) => convert(child as never)).filter((child): child is HighlightNode => child !== undefined) };
}

/** Highlights `code` in `language`, or returns undefined for a language it does not know. */
export function highlight({ code, language }: { code: string; language: string }): HighlightNode[] | undefined {
  if (!language || !lowlight.registered(language)) return undefined;
  return lowlight.highlight(language, code).children.map((child) => convert(child as never)).filter((child): child is HighlightNode => child !== undefined);
}
