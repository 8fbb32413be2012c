"use client";

import Editor, { loader, type OnMount } from "@monaco-editor/react";
import { findNodeAtLocation, parseTree } from "jsonc-parser";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { conversationStore } from "@/lib/chat/conversation-store";
import { useNextRequest, useWorkbench } from "@/lib/chat/use-workbench";
import { isDeepStrictEqual } from "@/lib/request/deep-equal";
import { buildRequestJsonSchema } from "@/lib/request/request-json-schema";
import { checkRequest } from "@/lib/request/request-rules";
import { requestThinks } from "@/lib/catalog/thinking-fields";
import { parseChatRequest } from "@/lib/wire/chat-request-schema";
import type { Translate } from "@/lib/i18n/translate";
import { ruleText } from "@/components/i18n/rule-text";

// Monaco is served by this app (copied to public/monaco by scripts/copy-monaco.mjs), never a CDN.
loader.config({ paths: { vs: "/monaco/vs" } });

let monacoMessages: Promise<void> | undefined;
let monacoMessagesLoaded = false;

/**
 * Monaco's own words (menus, the find widget, hovers) in Chinese: its zh-cn message bundle, served
 * with the editor, sets the messages Monaco reads once as it loads, so it must run first. Monaco
 * loads once per page: after a language switch the editor follows on the next reload.
 */
function loadMonacoMessages(): Promise<void> {
  monacoMessages ??= new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = "/monaco/vs/nls/lang/zh-cn.js";
    // Without the bundle the editor still works, in English.
    script.onload = script.onerror = () => {
      monacoMessagesLoaded = true;
      resolve();
    };
    document.head.append(script);
  });
  return monacoMessages;
}

/**
 * The page's monospace stack (app/globals.css --font-mono), which falls back to a Chinese font, the
 * workbench's own where the machine has none: Monaco's default stack draws Chinese as empty boxes.
 */
function editorFontFamily(): string | undefined {
  return typeof document === "undefined" ? undefined : getComputedStyle(document.documentElement).getPropertyValue("--font-mono").trim() || undefined;
}

type Monaco = Parameters<OnMount>[1];
type CodeEditor = Parameters<OnMount>[0];

/** A problem in the edited body, with where it is. */
interface BodyProblem {
  path: Array<string | number>;
  message: string;
}

function subscribeToTheme(listener: () => void): () => void {
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

/** Problems with an edited body: its types (what the gateway accepts), then the documented rules. */
function findProblems(body: Record<string, unknown>, providerId: Parameters<typeof rulesFor>[0], t: Translate): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const parsed = parseChatRequest(body);
  // An empty conversation is not a mistake, just nothing to send yet.
  const nothingYet = Array.isArray(body.messages) && body.messages.length === 0;
  if (!parsed.ok && !nothingYet) problems.push(...parsed.issues);
  const model = typeof body.model === "string" ? body.model : "";
  const spec = conversationStore.specFor({ providerId, model });
  for (const issue of checkRequest({ request: body, spec, providerId })) problems.push({ path: issue.path, message: ruleText(issue, t) });
  return problems;
}

/**
 * The exact request body of the next Send, in Monaco, in sync both ways with the form: edits that
 * are valid JSON apply at once; problems (invalid JSON, wrong types, documented rules) are marked
 * where they are, with the reason.
 */
export default function JsonView() {
  const { conversation } = useWorkbench();
  const next = useNextRequest();
  const t = useTranslations();
  const wantsChinese = useLocale() === "zh-CN";
  const [messagesReady, setMessagesReady] = useState(!wantsChinese || monacoMessagesLoaded);
  useEffect(() => {
    if (!messagesReady) void loadMonacoMessages().then(() => setMessagesReady(true));
  }, [messagesReady]);
  const editorRef = useRef<CodeEditor | undefined>(undefined);
  const monacoRef = useRef<Monaco | undefined>(undefined);
  const applyingOwnChange = useRef(false);
  const [problems, setProblems] = useState<BodyProblem[]>([]);
  const [syntaxError, setSyntaxError] = useState<string>();
  const dark = useSyncExternalStore(subscribeToTheme, () => document.documentElement.classList.contains("dark"), () => false);
  const bodyText = JSON.stringify(next.body, null, 2);

  const markProblems = (list: BodyProblem[]) => {
    const editor = editorRef.current;
    const monaco = monacoRef.current;
    const model = editor?.getModel();
    if (!editor || !monaco || !model) return;
    const tree = parseTree(model.getValue());
    monaco.editor.setModelMarkers(
      model,
      "kimi-workbench",
      list.map((problem) => {
        let node = tree ? findNodeAtLocation(tree, problem.path) : undefined;
        // Point at the nearest part of the path that exists (a missing field marks its parent).
        for (let depth = problem.path.length - 1; !node && tree && depth >= 0; depth -= 1) node = findNodeAtLocation(tree, problem.path.slice(0, depth));
        const property = node?.parent?.type === "property" ? node.parent : node;
        const start = model.getPositionAt(property?.offset ?? 0);
        const end = model.getPositionAt((property?.offset ?? 0) + (property?.length ?? 1));
        return { severity: monaco.MarkerSeverity.Error, message: problem.message, startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
      }),
    );
  };

  // The form (or a send) changed the request: show it, unless it is what the editor already says.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    let current: unknown;
    try {
      current = JSON.parse(editor.getValue());
    } catch {
      current = undefined;
    }
    if (!isDeepStrictEqual(current, next.body)) {
      const view = editor.saveViewState();
      // Monaco reports setValue as a change; this one is ours, not the user's.
      applyingOwnChange.current = true;
      editor.setValue(bodyText);
      applyingOwnChange.current = false;
      if (view) editor.restoreViewState(view);
      setSyntaxError(undefined);
    }
    const found = findProblems(next.body as Record<string, unknown>, conversation.providerId, t);
    setProblems(found);
    markProblems(found);
    // Completion and hover describe this provider and model.
    monacoRef.current?.languages.json.jsonDefaults.setDiagnosticsOptions({
      validate: true,
      schemas: [{ uri: "kimi-workbench://request.json", fileMatch: ["*"], schema: buildRequestJsonSchema({ providerId: conversation.providerId, spec: next.spec, thinks: next.thinks }) }],
    });
  }, [bodyText]); // eslint-disable-line react-hooks/exhaustive-deps

  const onChange = (text: string | undefined) => {
    if (applyingOwnChange.current) return;
    let body: unknown;
    try {
      body = JSON.parse(text ?? "");
    } catch (error) {
      setSyntaxError(t("jsonView.notJson", { problem: error instanceof Error ? error.message : String(error) }));
      return;
    }
    setSyntaxError(undefined);
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      setProblems([{ path: [], message: t("jsonView.notObject") }]);
      return;
    }
    const record = body as Record<string, unknown>;
    const readProblems = conversationStore.applyRequestBody(record);
    const found = [...readProblems, ...findProblems(record, conversationStore.getSnapshot().conversation.providerId, t)];
    setProblems(found);
    markProblems(found);
  };

  const thinks = requestThinks({ fields: conversation.parameters, family: rulesFor(conversation.providerId).family, spec: next.spec });
  const loading = <p className="p-3 text-sm text-zinc-500 dark:text-zinc-400">{t("jsonView.loading")}</p>;
  return (
    <div className="space-y-2">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {t.rich("jsonView.explain", { path: `/api/providers/${conversation.providerId}/v1/chat/completions`, code: (chunks) => <code className="font-mono">{chunks}</code> })}
        {thinks ? ` ${t("jsonView.thinkingOn")}` : ""}
      </p>
      <div className="json-editor h-[28rem] overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-700" data-testid="json-editor">
        {!messagesReady ? (
          loading
        ) : (
          <Editor
            defaultLanguage="json"
            defaultValue={bodyText}
            theme={dark ? "vs-dark" : "vs"}
            loading={loading}
            options={{ ariaLabel: t("jsonView.editorLabel"), fontFamily: editorFontFamily(), minimap: { enabled: false }, fontSize: 12, lineNumbers: "on", scrollBeyondLastLine: false, wordWrap: "on", tabSize: 2, automaticLayout: true }}
            onMount={(editor, monaco) => {
              editorRef.current = editor;
              monacoRef.current = monaco;
              // Chinese glyphs come from the served font's slices, loaded as text needs them: measure again once they arrive.
              const remeasure = () => monaco.editor.remeasureFonts();
              document.fonts.addEventListener("loadingdone", remeasure);
              editor.onDidDispose(() => document.fonts.removeEventListener("loadingdone", remeasure));
              monaco.languages.json.jsonDefaults.setDiagnosticsOptions({
                validate: true,
                schemas: [{ uri: "kimi-workbench://request.json", fileMatch: ["*"], schema: buildRequestJsonSchema({ providerId: conversation.providerId, spec: next.spec, thinks: next.thinks }) }],
              });
              const found = findProblems(next.body as Record<string, unknown>, conversation.providerId, t);
              setProblems(found);
              markProblems(found);
            }}
            onChange={onChange}
          />
        )}
      </div>
      {(syntaxError || problems.length > 0) && (
        <ul role="alert" aria-label={t("jsonView.problems")} className="space-y-1 text-xs text-red-700 dark:text-red-400">
          {syntaxError && <li>{syntaxError}</li>}
          {problems.map((problem) => (
            <li key={`${problem.path.join(".")}-${problem.message}`}>
              <code className="font-mono">{problem.path.join(".") || t("jsonView.body")}</code>: {problem.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
