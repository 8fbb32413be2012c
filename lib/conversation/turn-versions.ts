import type { Attachment } from "./attachment-types";
import type { Turn, TurnVersions } from "./conversation-types";

// Regenerate and Edit replace the conversation from one turn on; the replaced tail is kept on the
// new first turn (`versions`), so every version stays browsable (‹ 2/3 ›). Only the shown tail is
// ever sent, shared or counted; the others are kept in this browser with the conversation.

function withoutVersions(turn: Turn): Turn {
  if (turn.role === "tool" || !turn.versions) return turn;
  const { versions: _versions, ...rest } = turn;
  return rest;
}

/** Every version of the conversation from `index` on, in order, the shown one included (its first turn without `versions`). */
function versionsAt(turns: readonly Turn[], index: number): Turn[][] {
  const tail = turns.slice(index);
  const first = tail[0];
  if (!first) return [];
  const versions = first.role === "tool" ? undefined : first.versions;
  const shown = [withoutVersions(first), ...tail.slice(1)];
  return versions ? [...versions.before, shown, ...versions.after] : [shown];
}

/** The versions a new first turn at `index` carries: every one there so far comes before it. */
export function versionsForNew({ turns, index }: { turns: readonly Turn[]; index: number }): TurnVersions | undefined {
  const before = versionsAt(turns, index);
  return before.length > 0 ? { before, after: [] } : undefined;
}

/** Which version a turn shows, and how many there are; undefined when it has no other. */
export function versionPosition(turn: Turn): { number: number; count: number } | undefined {
  if (turn.role === "tool" || !turn.versions) return undefined;
  const { before, after } = turn.versions;
  if (before.length + after.length === 0) return undefined;
  return { number: before.length + 1, count: before.length + after.length + 1 };
}

/** The conversation showing the previous (-1) or next (1) version from the turn `turnId` on; the same turns when there is none. */
export function showVersion({ turns, turnId, step }: { turns: readonly Turn[]; turnId: string; step: -1 | 1 }): Turn[] {
  const index = turns.findIndex((turn) => turn.id === turnId);
  const first = turns[index];
  if (!first || first.role === "tool" || !first.versions) return [...turns];
  const all = versionsAt(turns, index);
  const target = first.versions.before.length + step;
  const chosen = all[target];
  if (!chosen || chosen.length === 0) return [...turns];
  const [head, ...rest] = chosen as [Turn, ...Turn[]];
  if (head.role === "tool") return [...turns];
  const versions: TurnVersions = { before: all.slice(0, target), after: all.slice(target + 1) };
  return [...turns.slice(0, index), { ...head, versions }, ...rest];
}

/** The turns without any other version (what a share or another reader gets). */
export function stripVersions(turns: readonly Turn[]): Turn[] {
  return turns.map(withoutVersions);
}

/** Attachments of the versions not shown, at any depth (their media stays stored while they are kept). */
export function otherVersionAttachments(turns: readonly Turn[]): Attachment[] {
  const found: Attachment[] = [];
  const visit = (list: readonly Turn[]) => {
    for (const turn of list) {
      if (turn.role === "tool" || !turn.versions) continue;
      for (const tail of [...turn.versions.before, ...turn.versions.after]) {
        for (const other of tail) if (other.role === "user") found.push(...(other.attachments ?? []));
        visit(tail);
      }
    }
  };
  visit(turns);
  return found;
}
