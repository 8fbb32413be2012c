import { recordStore } from "@/lib/history/record-store";
import type { PromptProject } from "./prompt-project";

// Prompts being prototyped live in this browser's IndexedDB, beside the conversation history (runs
// are the server's; a project keeps only their ids).

const storeName = "projects";
const open = recordStore("kimi-workbench-prompts", storeName);

/** A project as the list shows it. */
export interface ProjectSummary {
  id: string;
  name: string;
  updatedAt: number;
  versions: number;
  rows: number;
}

/** Projects, most recently changed first. */
export async function listProjects(): Promise<ProjectSummary[]> {
  const all = (await (await open()).getAllFromIndex(storeName, "updatedAt")) as PromptProject[];
  return all.reverse().map((project) => ({ id: project.id, name: project.name, updatedAt: project.updatedAt, versions: project.versions.length, rows: project.rows.length }));
}

export async function getProject(id: string): Promise<PromptProject | undefined> {
  return ((await (await open()).get(storeName, id)) as PromptProject | undefined) ?? undefined;
}

export async function putProject(project: PromptProject): Promise<void> {
  await (await open()).put(storeName, project);
}

export async function deleteProject(id: string): Promise<void> {
  await (await open()).delete(storeName, id);
}
