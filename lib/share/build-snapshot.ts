import { titleOf } from "@/lib/conversation/read-conversation";
import type { Conversation, Turn } from "@/lib/conversation/conversation-types";
import { blobKeysOf } from "@/lib/media/attachment-keys";
import { stripVersions } from "@/lib/conversation/turn-versions";
import type { Attachment } from "@/lib/conversation/attachment-types";
import type { ShareInclusions, ShareSnapshot } from "./share-snapshot";

/**
 * The snapshot to publish, exactly as chosen: finished turns only (a streaming answer is left out),
 * reasoning, system prompt, tools and media only when included. Returns the blob keys whose bytes go
 * with it. Uploaded-file ids are dropped: they belong to the publisher's provider account.
 */
export function buildShareSnapshot({ conversation, included, title }: { conversation: Conversation; included: ShareInclusions; title?: string }): { snapshot: ShareSnapshot; blobKeys: string[] } {
  const blobKeys = new Set<string>();
  const turns: Turn[] = [];
  // Only the versions shown are shared: answers regenerated away and messages edited away stay in this browser.
  for (const turn of stripVersions(conversation.turns)) {
    if (turn.role === "assistant") {
      if (turn.status === "streaming") continue;
      turns.push({ ...turn, reasoning: included.reasoning ? turn.reasoning : "", ...(turn.otherChoices ? { otherChoices: turn.otherChoices.map((choice) => ({ ...choice, reasoning: included.reasoning ? choice.reasoning : "" })) } : {}) });
      continue;
    }
    if (turn.role === "user") {
      const { attachments, ...rest } = turn;
      if (!included.media || !attachments?.length) {
        turns.push(rest);
        continue;
      }
      const shared = attachments.map((attachment) => {
        for (const key of blobKeysOf(attachment)) blobKeys.add(key);
        const { upload: _upload, ...withoutUpload } = attachment;
        // A document's text was extracted by the publisher's account; its upload id stays behind too.
        return attachment.kind === "document" ? ({ ...withoutUpload, upload: { providerId: attachment.upload.providerId, fileId: "", purpose: "file-extract" } } as Attachment) : (withoutUpload as Attachment);
      });
      turns.push({ ...rest, attachments: shared });
      continue;
    }
    turns.push(turn);
  }
  const { tools, tool_choice, ...parameters } = conversation.parameters as Record<string, unknown>;
  const snapshot: ShareSnapshot = {
    format: "kimi-workbench-share",
    version: 1,
    title: (title ?? titleOf(conversation)).slice(0, 200),
    providerId: conversation.providerId,
    model: conversation.model,
    parameters: included.tools ? { ...parameters, ...(tools !== undefined ? { tools } : {}), ...(tool_choice !== undefined ? { tool_choice } : {}) } : parameters,
    ...(included.systemPrompt && conversation.systemPrompt.trim() ? { systemPrompt: conversation.systemPrompt } : {}),
    included,
    turns,
  };
  return { snapshot, blobKeys: [...blobKeys] };
}
