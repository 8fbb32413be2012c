"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { deleteProject, getProject, listProjects, putProject, type ProjectSummary } from "./prompt-library-db";
import { undoableDeletes } from "@/lib/chat/undoable-deletes";
import { createProject, type PromptProject } from "./prompt-project";

// The prompts page's state: the list of this browser's projects and the open one, saved to
// IndexedDB a moment after each change (and at once when the page is hidden).

const saveDelayMs = 400;

/** The open project (created on first visit), its list, and actions; new projects are named by `nameFor` (the page's language), given how many exist. */
export function usePromptProjects({ nameFor }: { nameFor: (count: number) => string }): {
  projects: ProjectSummary[];
  project: PromptProject | undefined;
  update(change: (project: PromptProject) => PromptProject): void;
  open(id: string): Promise<void>;
  create(): Promise<void>;
  remove(id: string): Promise<void>;
} {
  const [projects, setProjects] = useState<ProjectSummary[]>([]);
  const [project, setProject] = useState<PromptProject>();
  const pending = useRef<PromptProject | undefined>(undefined);
  const timer = useRef<number | undefined>(undefined);

  const flush = useCallback(async () => {
    window.clearTimeout(timer.current);
    const toSave = pending.current;
    pending.current = undefined;
    if (!toSave) return;
    await putProject(toSave);
    setProjects(await listProjects());
  }, []);

  const show = useCallback(async (id: string | undefined) => {
    await flush();
    let next = id ? await getProject(id) : undefined;
    if (!next) {
      const latest = (await listProjects())[0];
      next = latest ? await getProject(latest.id) : undefined;
    }
    if (!next) {
      next = createProject({ id: crypto.randomUUID(), now: Date.now(), name: nameFor(0) });
      await putProject(next);
    }
    setProject(next);
    setProjects(await listProjects());
    const url = new URL(window.location.href);
    if (url.searchParams.get("project") !== next.id) {
      url.searchParams.set("project", next.id);
      window.history.replaceState(null, "", url);
    }
  }, [flush, nameFor]);

  useEffect(() => {
    // Opened after this render (IndexedDB is asynchronous anyway).
    queueMicrotask(() => void show(new URLSearchParams(window.location.search).get("project") ?? undefined));
    const onHide = () => {
      if (document.visibilityState === "hidden") void flush();
    };
    document.addEventListener("visibilitychange", onHide);
    return () => document.removeEventListener("visibilitychange", onHide);
  }, [show, flush]);

  const update = useCallback((change: (project: PromptProject) => PromptProject) => {
    setProject((current) => {
      if (!current) return current;
      const next = { ...change(current), updatedAt: Date.now() };
      pending.current = next;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), saveDelayMs);
      return next;
    });
  }, [flush]);

  return {
    projects,
    project,
    update,
    open: show,
    create: async () => {
      await flush();
      const created = createProject({ id: crypto.randomUUID(), now: Date.now(), name: nameFor(projects.length) });
      await putProject(created);
      await show(created.id);
    },
    remove: async (id: string) => {
      await flush();
      const kept = await getProject(id);
      if (!kept) return;
      // Gone from the list at once, kept here for Undo; the record goes when the window passes.
      undoableDeletes.schedule({
        id,
        title: kept.name,
        scope: "prompt",
        hide: async () => {
          await deleteProject(id);
          const rest = await listProjects();
          await show(rest[0]?.id);
        },
        commit: () => undefined,
        restore: async () => {
          await putProject(kept);
          await show(id);
        },
      });
    },
  };
}
