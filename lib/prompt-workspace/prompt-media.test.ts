import { describe, expect, it } from "vitest";
import { expectWordedAsEnglish } from "@/testing/catalog-wording";
import { renderTemplate } from "@/lib/prompts/prompt-template";
import { diffVersions } from "@/lib/prompts/prompt-versions";
import type { ChatMessage } from "@/lib/wire/chat-request";
import { addMediaPart, dataUrlBytes, describePart, insertDocument, mediaFileProblem, removePart, setPartText } from "./prompt-media";

const png = `data:image/png;base64,${"A".repeat(4096)}`;

describe("pictures, videos and documents that are part of a prompt", () => {
  it("adds a picture before the message's text, edits the text beside it, and collapses back to plain text when it is removed", () => {
    const message: ChatMessage = { role: "user", content: "Describe {{subject}}." };
    const withImage = addMediaPart({ message, part: { type: "image_url", image_url: { url: png } } });
    expect(withImage.content).toEqual([{ type: "image_url", image_url: { url: png } }, { type: "text", text: "Describe {{subject}}." }]);
    const edited = setPartText({ message: withImage, index: 1, text: "Describe the map of {{subject}}." });
    expect(edited.content).toEqual([{ type: "image_url", image_url: { url: png } }, { type: "text", text: "Describe the map of {{subject}}." }]);
    expect(removePart({ message: edited, index: 0 }).content).toBe("Describe the map of {{subject}}.");
    // A message without text keeps a text part to write in; the empty text is not sent.
    const alone = addMediaPart({ message: { role: "user", content: "" }, part: { type: "video_url", video_url: { url: "ms://file-1" } } });
    expect(alone.content).toEqual([{ type: "video_url", video_url: { url: "ms://file-1" } }, { type: "text", text: "" }]);
    const rendered = renderTemplate({ template: { model: "kimi-k2.6", messages: [alone], parameters: {} }, values: {} });
    expect(rendered.ok && rendered.request.messages[0]!.content).toEqual([{ type: "video_url", video_url: { url: "ms://file-1" } }]);
  });

  it("describes parts by kind and size, with a thumbnail only for pictures this browser holds", () => {
    expect(dataUrlBytes(png)).toBe(3072);
    expect(describePart({ type: "image_url", image_url: { url: png } })).toEqual({ kind: "image", label: "image · 3.0 KB", thumbnail: png });
    expect(describePart({ type: "video_url", video_url: { url: "ms://file-abc" } })).toEqual({ kind: "video", label: "video · ms://file-abc" });
    expect(describePart({ type: "video", video: [png, png], fps: 2 })).toEqual({ kind: "frames", label: "video as 2 frames (2 fps)", thumbnail: png });
  });

  it("puts a document's text in a system message before the message it was added to", () => {
    const messages: ChatMessage[] = [{ role: "system", content: "Be brief." }, { role: "user", content: "Summarize." }];
    expect(insertDocument({ messages, index: 1, text: '{"content":"spec"}' })).toEqual([{ role: "system", content: "Be brief." }, { role: "system", content: '{"content":"spec"}' }, { role: "user", content: "Summarize." }]);
  });

  it("refuses files that are not pictures or videos, and videos over the provider's inline limit, saying what to do", () => {
    expect(mediaFileProblem({ file: { name: "notes.pdf", type: "application/pdf", size: 10 }, providerId: "moonshot" })?.message).toMatch(/not a picture or video.*Add document/);
    expect(mediaFileProblem({ file: { name: "clip.mp4", type: "video/mp4", size: 9 * 1024 * 1024 }, providerId: "moonshot" })?.message).toMatch(/clip\.mp4 is 12\.0 MB as base64; this provider takes at most 10\.0 MB inline per video.*ms:\/\//);
    expect(mediaFileProblem({ file: { name: "clip.mp4", type: "video/mp4", size: 1024 * 1024 }, providerId: "moonshot" })).toBeUndefined();
    const refused = [mediaFileProblem({ file: { name: "notes.pdf", type: "application/pdf", size: 10 }, providerId: "moonshot" })!, mediaFileProblem({ file: { name: "clip.mp4", type: "video/mp4", size: 9 * 1024 * 1024 }, providerId: "moonshot" })!];
    expectWordedAsEnglish({ namespace: "attachProblems", items: refused.map((problem) => ({ code: problem.code, values: problem.values, english: problem.message })) });
    expect(mediaFileProblem({ file: { name: "photo.heic", type: "", size: 1024 }, providerId: "dashscope" })).toBeUndefined();
  });

  it("shows a replaced picture as a changed line in the version diff", () => {
    const other = `data:image/png;base64,${"B".repeat(4096)}`;
    const before = { model: "kimi-k2.6", messages: [{ role: "user" as const, content: [{ type: "image_url" as const, image_url: { url: png } }, { type: "text" as const, text: "What is it?" }] }], parameters: {} };
    const after = { ...before, messages: [{ role: "user" as const, content: [{ type: "image_url" as const, image_url: { url: other } }, { type: "text" as const, text: "What is it?" }] }] };
    const diff = diffVersions({ before, after });
    const changed = diff.messages[0]!.parts.filter((part) => part.kind !== "same").map((part) => `${part.kind}:${part.text.trimEnd()}`);
    expect(changed).toEqual(["removed:[image, 3.0 KB, …AAAAAAAAAA]", "added:[image, 3.0 KB, …BBBBBBBBBB]"]);
  });
});
