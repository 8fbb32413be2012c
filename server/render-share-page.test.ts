import { describe, expect, it } from "vitest";
import { renderShareNotFoundPage, renderSharePage, sharePageHeaders } from "./render-share-page";
import type { PublishedShare } from "@/lib/share/share-snapshot";

const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';

const share: PublishedShare = {
  id: "AAAAAAAAAAAAAAAAAAAAAA",
  createdAt: Date.UTC(2026, 10, 22, 9, 0),
  expiresAt: null,
  snapshot: {
    format: "kimi-workbench-share",
    version: 1,
    title: `Title ${hostile}`,
    providerId: "simulator",
    model: "kimi-k2.6",
    parameters: { temperature: 1 },
    systemPrompt: `System ${hostile}`,
    included: { systemPrompt: true, tools: false, reasoning: true, media: true },
    turns: [
      { id: "u1", role: "user", content: `Question ${hostile}`, attachments: [{ id: "i1", kind: "image", name: `pic${hostile}.png`, mediaType: "image/png", bytes: 10, blobKey: `sha256-${"a".repeat(64)}`, width: 20, height: 20 }], createdAt: 1 },
      { id: "a1", role: "assistant", providerId: "simulator", model: "kimi-k2.6", content: `## Heading\n\n${hostile}\n\n[link](javascript:alert(1))\n\n\`\`\`python\nprint("hi")\n\`\`\``, reasoning: `Reasoning ${hostile}`, status: "done", timings: { thinkingMs: 1500 }, createdAt: 2 },
    ],
  },
};

describe("the shared page", () => {
  const html = renderSharePage({ share, origin: "http://127.0.0.1:3000" });

  it("is a whole document with a title, noindex and folded reasoning", () => {
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(html).toContain("<title>Title &#60;script&#62;alert(&#34;x&#34;)");
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toMatch(/<details[^>]*><summary[^>]*>Thought for 1\.5 s<\/summary>/);
    expect(html).toContain('href="/?fork=AAAAAAAAAAAAAAAAAAAAAA"');
    expect(html).toContain(`src="/api/shares/AAAAAAAAAAAAAAAAAAAAAA/media/${"a".repeat(64)}"`);
    expect(html).toContain('<span class="hljs-built_in">print</span>');
  });

  it("never lets text from the share become markup or script", () => {
    // The only script is the theme script in the head, which the page's CSP allows by hash.
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toContain("<script>alert");
    // Text from the share is escaped, so every real tag starts with "<" + a letter; none has an event handler.
    const tags = html.replace(/="[^"]*"/g, '=""').match(/<[a-zA-Z][^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(50);
    expect(tags.filter((tag) => /\son[a-z]+=/i.test(tag))).toEqual([]);
    expect(html).not.toContain('href="javascript:');
    expect(sharePageHeaders["content-security-policy"]).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+';/);
  });

  it("has a not-found page", () => {
    expect(renderShareNotFoundPage()).toContain("This share is not available");
  });

  it("speaks the reader's language: Chinese words and dates, the share's own text untouched", () => {
    const chinese = renderSharePage({ share, origin: "http://127.0.0.1:3000", locale: "zh-CN" });
    expect(chinese).toMatch(/^<!DOCTYPE html><html lang="zh-CN">/);
    expect(chinese).toContain("分享自 Kimi Workbench · 只读");
    expect(chinese).toContain("在工作台中打开");
    expect(chinese).toMatch(/<summary[^>]*>思考了 1\.5 秒<\/summary>/);
    // 22 Nov 2026 09:00 UTC, as zh-CN writes a date.
    expect(chinese).toContain("2026年11月22日");
    expect(chinese).toContain("永不过期");
    expect(chinese).toContain("Question &lt;script&gt;");
    expect(chinese).not.toContain("Open in workbench");
    expect(renderShareNotFoundPage({ locale: "zh-CN" })).toContain("这个分享不可用");
  });
});

describe("the shared page's code", () => {
  it("puts a document's extracted text into its system message", () => {
    const withDocument: PublishedShare = {
      ...share,
      snapshot: {
        ...share.snapshot,
        turns: [
          { id: "u1", role: "user", content: "When is the launch?", attachments: [{ id: "d1", kind: "document", name: "notes.md", mediaType: "text/markdown", bytes: 30, blobKey: `sha256-${"b".repeat(64)}`, textKey: `sha256-${"c".repeat(64)}`, textLength: 30, upload: { providerId: "simulator", fileId: "", purpose: "file-extract" } }], createdAt: 1 },
          { id: "a1", role: "assistant", providerId: "simulator", model: "kimi-k2.6", content: "Friday.", reasoning: "", status: "done", createdAt: 2 },
        ],
      },
    };
    const html = renderSharePage({ share: withDocument, origin: "http://127.0.0.1:3000", documentTexts: { [`sha256-${"c".repeat(64)}`]: '{"content":"The launch moves to Friday."}' } });
    expect(html).toContain("The launch moves to Friday.");
    expect(html).toContain("&quot;role&quot;: &quot;system&quot;");
  });
});
