import type { Translate } from "@/lib/i18n/translate";
import type { BlockerReason } from "@/lib/media/media-controller";
import type { MediaIssue } from "@/lib/media/media-rules";
import type { MediaStep } from "@/lib/media/media-cache";
import type { CodedMessage } from "@/lib/wire/coded-message";
import { catalogText } from "./catalog-text";
import { workbenchText } from "./workbench-text";

// lib/media names its steps (by code) and problems (in English, with a code) for tests and logs; the
// page words them from the catalog, which the media tests keep identical in English.

/** A step of the work on an attachment, in the page's language. */
export function taskLabel(step: MediaStep, t: Translate): string {
  return t(`mediaTask.${step}`);
}

/** An attachment's problem or note in the page's language. */
export function mediaIssueText(issue: Pick<MediaIssue, "code" | "message" | "values">, t: Translate): string {
  return catalogText({ keys: [`mediaIssues.${issue.code}`], values: issue.values, english: issue.message }, t);
}

/** Why the message cannot be sent yet, in the page's language. */
export function blockerText(reason: BlockerReason, t: Translate): string {
  if (reason.issue) return `${reason.values.name}: ${mediaIssueText(reason.issue, t)}`;
  const values = reason.code === "task" ? { ...reason.values, task: taskLabel(reason.values.task as MediaStep, t).toLowerCase() } /* "chart.png: uploading…", as the engine writes it */ : reason.values;
  return catalogText({ keys: [`blockers.${reason.code}`], values, english: reason.message }, t);
}

/** Why a file could not be attached (to a message or a prompt), in the page's language. */
export function attachProblemText(problem: CodedMessage, t: Translate): string {
  const values = problem.problem ? { ...problem.values, problem: workbenchText(problem.problem, t) } : problem.values;
  return catalogText({ keys: [`attachProblems.${problem.code}`], values, english: problem.message }, t);
}
