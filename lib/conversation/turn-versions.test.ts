import { describe, expect, it } from "vitest";
import { buildShareSnapshot } from "@/lib/share/build-snapshot";
import type { ImageAttachment } from "./attachment-types";
import type { AssistantTurn, Conversation, Turn, UserTurn } from "./conversation-types";
import { readSavedConversation } from "./saved-conversation";
import { otherVersionAttachments, showVersion, stripVersions, versionPosition, versionsForNew } from "./turn-versions";

const user = (id: string, content: string, extra: Partial<UserTurn> = {}): UserTurn => ({ id, role: "user", content, createdAt: 1, ...extra });
const answer = (id: string, content: string, extra: Partial<AssistantTurn> = {}): AssistantTurn => ({ id, role: "assistant", providerId: "simulator", model: "kimi-k2.6", content, reasoning: "", status: "done", createdAt: 1, ...extra });

/** What Regenerate does to the turns: the answer at `index` replaced by a new one that keeps the old tail. */
function regenerate(turns: Turn[], index: number, content: string): Turn[] {
  const versions = versionsForNew({ turns, index });
  return [...turns.slice(0, index), answer(`a-${content}`, content, versions ? { versions } : {})];
}

const contents = (turns: readonly Turn[]) => turns.map((turn) => turn.content);

describe("versions of a conversation", () => {
  it("keeps every regenerated answer, in order, and moves between them", () => {
    let turns: Turn[] = [user("u1", "Question"), answer("a1", "First")];
    turns = regenerate(turns, 1, "Second");
    turns = regenerate(turns, 1, "Third");
    expect(contents(turns)).toEqual(["Question", "Third"]);
    expect(versionPosition(turns[1]!)).toEqual({ number: 3, count: 3 });

    turns = showVersion({ turns, turnId: turns[1]!.id, step: -1 });
    expect(contents(turns)).toEqual(["Question", "Second"]);
    expect(versionPosition(turns[1]!)).toEqual({ number: 2, count: 3 });
    turns = showVersion({ turns, turnId: turns[1]!.id, step: -1 });
    expect(contents(turns)).toEqual(["Question", "First"]);
    // Nothing before the first.
    expect(contents(showVersion({ turns, turnId: turns[1]!.id, step: -1 }))).toEqual(["Question", "First"]);
    turns = showVersion({ turns, turnId: turns[1]!.id, step: 1 });
    turns = showVersion({ turns, turnId: turns[1]!.id, step: 1 });
    expect(contents(turns)).toEqual(["Question", "Third"]);
    expect(versionPosition(turns[1]!)).toEqual({ number: 3, count: 3 });
  });

  it("keeps what followed an edited message with the version it belongs to, and a new version goes last", () => {
    let turns: Turn[] = [user("u1", "Hi"), answer("a1", "Hello"), user("u2", "Tell me more"), answer("a2", "More")];
    const versions = versionsForNew({ turns, index: 0 });
    turns = [user("u1b", "Hi there", versions ? { versions } : {}), answer("a1b", "Hello again")];
    expect(versionPosition(turns[0]!)).toEqual({ number: 2, count: 2 });
    turns = showVersion({ turns, turnId: "u1b", step: -1 });
    expect(contents(turns)).toEqual(["Hi", "Hello", "Tell me more", "More"]);
    // Regenerating the old branch's answer while it is shown makes a third version of the answer only.
    turns = regenerate(turns, 3, "More, again");
    expect(contents(turns)).toEqual(["Hi", "Hello", "Tell me more", "More, again"]);
    expect(versionPosition(turns[3]!)).toEqual({ number: 2, count: 2 });
    // The edit's other branch is still there, after this one.
    turns = showVersion({ turns, turnId: "u1", step: 1 });
    expect(contents(turns)).toEqual(["Hi there", "Hello again"]);
    turns = showVersion({ turns, turnId: "u1b", step: -1 });
    expect(contents(turns)).toEqual(["Hi", "Hello", "Tell me more", "More, again"]);
  });

  it("shares only the versions shown, and keeps the media of the others", () => {
    const chart: ImageAttachment = { id: "i1", kind: "image", name: "chart.png", mediaType: "image/png", bytes: 3, blobKey: "sha256-chart" };
    let turns: Turn[] = [user("u1", "What is this?", { attachments: [chart] }), answer("a1", "A chart")];
    const versions = versionsForNew({ turns, index: 0 });
    turns = [user("u1b", "What does it show?", versions ? { versions } : {}), answer("a1b", "Sales")];
    expect(otherVersionAttachments(turns).map((attachment) => attachment.blobKey)).toEqual(["sha256-chart"]);
    expect(stripVersions(turns).some((turn) => "versions" in turn)).toBe(false);
    const conversation: Conversation = { id: "c", providerId: "simulator", model: "kimi-k2.6", systemPrompt: "", parameters: {}, draft: "", draftAttachments: [], turns, updatedAt: 1 };
    const { snapshot } = buildShareSnapshot({ conversation, included: { systemPrompt: true, tools: true, reasoning: true, media: true } });
    expect(JSON.stringify(snapshot)).not.toContain("What is this?");
    expect(contents(snapshot.turns)).toEqual(["What does it show?", "Sales"]);
  });

  it("reads saved versions back, dropping one that is not made of turns", () => {
    const saved = {
      id: "c",
      providerId: "simulator",
      model: "kimi-k2.6",
      systemPrompt: "",
      parameters: {},
      updatedAt: 1,
      turns: [user("u1", "Q"), answer("a2", "Second", { versions: { before: [[answer("a1", "First")], [{ role: "robot" }]] as unknown as Turn[][], after: [] } })],
    };
    const read = readSavedConversation(JSON.parse(JSON.stringify(saved)))!;
    expect(versionPosition(read.turns[1]!)).toEqual({ number: 2, count: 2 });
    expect(contents(showVersion({ turns: read.turns, turnId: "a2", step: -1 }))).toEqual(["Q", "First"]);
  });
});
