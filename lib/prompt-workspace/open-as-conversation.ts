import { leaveOpenNotice } from "@/lib/chat/browser-storage";
import { describeModel } from "@/lib/catalog/model-catalog";
import { mediaFormatOf } from "@/lib/catalog/media-limits";
import type { Attachment } from "@/lib/conversation/attachment-types";
import type { Conversation } from "@/lib/conversation/conversation-types";
import { createId } from "@/lib/conversation/create-id";
import { putConversation } from "@/lib/history/history-db";
import { dataUrlToBlob } from "@/lib/media/data-url";
import type { CellMedia } from "./conversation-bridge";
import { workbenchMessageOf, type WorkbenchMessage } from "@/lib/wire/coded-message";

// A rendered prompt opened in the chat: its pictures and videos (data URLs in the prompt or a row)
// become the conversation's attachments, stored in this browser like files the user attached, so
// the chat shows and sends them as it would its own.

/**
 * Stores `conversation` with `media` attached to their turns (or to the message waiting in the
 * composer), and what the user should know (`left`, plus any file that could not be read) for the
 * chat page to show when it opens it.
 */
export async function storeOpenedConversation({ conversation, media, left }: { conversation: Conversation; media: readonly CellMedia[]; left: readonly WorkbenchMessage[] }): Promise<void> {
  const notes: WorkbenchMessage[] = [...left];
  let opened = conversation;
  if (media.length > 0) {
    const { readMediaFile } = await import("@/lib/media/media-work");
    const spec = describeModel({ providerId: conversation.providerId, modelId: conversation.model });
    const attached = new Map<string, Attachment[]>();
    let number = 0;
    for (const { target, part } of media) {
      number += 1;
      const url = part.type === "image_url" ? part.image_url.url : part.video_url.url;
      const kind = part.type === "image_url" ? "image" : "video";
      const mediaType = url.slice(5, url.indexOf(",")).split(";")[0] ?? "";
      const name = `${kind}-${number}.${mediaFormatOf({ mediaType, name: "" }) ?? (kind === "image" ? "png" : "mp4")}`;
      try {
        const attachment = await readMediaFile({ file: new File([dataUrlToBlob(url)], name, { type: mediaType }), id: createId(), spec });
        attached.set(target, [...(attached.get(target) ?? []), attachment]);
      } catch (error) {
        const cause = workbenchMessageOf(error);
        notes.push({ message: `${name} could not be read (${cause.message}) and is not attached.`, code: "mediaNotAttached", values: { name, problem: cause.message }, problem: cause });
      }
    }
    opened = {
      ...conversation,
      turns: conversation.turns.map((turn) => (turn.role === "user" && attached.has(turn.id) ? { ...turn, attachments: [...(turn.attachments ?? []), ...attached.get(turn.id)!] } : turn)),
      draftAttachments: [...conversation.draftAttachments, ...(attached.get("draft") ?? [])],
    };
  }
  await putConversation(opened);
  if (notes.length > 0) leaveOpenNotice({ conversationId: opened.id, notes });
}
