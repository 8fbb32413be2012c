import type { Translate } from "@/lib/i18n/translate";
import type { BlockerReason } from "@/lib/media/media-controller";
import type { MediaIssue } from "@/lib/media/media-rules";
import type { AttachProblem } from "@/lib/media/attach-problem";
import { catalogText } from "./catalog-text";

// lib/media names its steps and problems in English (tests and logs read them); the page words
// them from the catalog, which lib/media/media-wording.test.ts keeps identical in English.

const taskKeys: Record<string, string> = {
  Downscaling: "downscaling",
  "Downscale failed": "downscaleFailed",
  Uploading: "uploading",
  "Upload failed": "uploadFailed",
  "Extracting text": "extractingText",
  "Extracting frames": "extractingFrames",
  "Frame extraction failed": "framesFailed",
};

/** A media task's label in the page's language (one the catalog does not know is shown as it is). */
export function taskLabel(label: string, t: Translate): string {
  const key = taskKeys[label];
  return key ? t(`mediaTask.${key}` as never) : label;
}

/** An attachment's problem or note in the page's language. */
export function mediaIssueText(issue: Pick<MediaIssue, "code" | "message" | "values">, t: Translate): string {
  return catalogText({ keys: [`mediaIssues.${issue.code}`], values: issue.values, english: issue.message }, t);
}

/** Why the message cannot be sent yet, in the page's language. */
export function blockerText(reason: BlockerReason, t: Translate): string {
  if (reason.issue) return `${reason.values.name}: ${mediaIssueText(reason.issue, t)}`;
  const values = reason.code === "task" ? { ...reason.values, task: taskLabel(reason.values.task ?? "", t).toLowerCase() } /* "chart.png: uploading…", as the engine writes it */ : reason.values;
  return catalogText({ keys: [`blockers.${reason.code}`], values, english: reason.message }, t);
}

/** Why a file could not be attached (to a message or a prompt), in the page's language. */
export function attachProblemText(problem: AttachProblem, t: Translate): string {
  return catalogText({ keys: [`attachProblems.${problem.code}`], values: problem.values, english: problem.message }, t);
}
