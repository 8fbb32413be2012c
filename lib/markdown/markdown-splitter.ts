import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

/** Markdown cut into top-level blocks: `stable` ones will not change, `tail` still may. */
export interface MarkdownBlocks {
  stable: readonly string[];
  tail: string;
}

const extensions = [gfm()];
const mdastExtensions = [gfmFromMarkdown()];

function topLevelStarts(text: string): number[] {
  const tree = fromMarkdown(text, { extensions, mdastExtensions });
  return tree.children.map((child) => child.position?.start.offset ?? 0);
}

/** Cuts a complete text into blocks (all stable). */
export function splitFinishedMarkdown(text: string): string[] {
  const starts = topLevelStarts(text);
  return starts.map((start, index) => text.slice(start, starts[index + 1] ?? text.length).trimEnd()).filter((block) => block !== "");
}

/**
 * Splits a growing markdown text into blocks incrementally. A block is stable once the parser sees
 * the next block begin; only the text after the last stable block is parsed again, so each call
 * costs the size of the tail, not of the whole answer. Stable blocks keep their identity, so
 * memoized renderers skip them.
 */
export class MarkdownSplitter {
  private stable: string[] = [];
  private stableLength = 0;
  private lastText = "";
  private lastResult: MarkdownBlocks = { stable: [], tail: "" };

  split(text: string): MarkdownBlocks {
    if (text === this.lastText) return this.lastResult;
    if (text.length < this.stableLength || !text.startsWith(this.lastText.slice(0, this.stableLength))) {
      // Not an append to what was split before: start over.
      this.stable = [];
      this.stableLength = 0;
    }
    const tail = text.slice(this.stableLength);
    const starts = topLevelStarts(tail);
    if (starts.length > 1) {
      const lastStart = starts[starts.length - 1]!;
      const finished = starts.slice(0, -1).map((start, index) => tail.slice(start, starts[index + 1]).trimEnd());
      this.stable = [...this.stable, ...finished.filter((block) => block !== "")];
      this.stableLength += lastStart;
    }
    this.lastText = text;
    this.lastResult = { stable: this.stable, tail: text.slice(this.stableLength) };
    return this.lastResult;
  }
}
