import type { ModelSpec, ProviderId } from "@/lib/catalog/catalog-types";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { readPreserveThinking, readThinkingSwitch, writeThinkingFields } from "@/lib/catalog/thinking-fields";
import type { Conversation, RequestParameters } from "@/lib/conversation/conversation-types";
import { adaptParameters, type ParameterChange } from "./adapt-parameters";

// The parameter edits the workbench makes on the user's behalf (a model switch, thinking on or off,
// a preset from another provider), as pure functions: what the parameters become, and a notice
// saying what changed with the settings to go back to.

/** The settings a conversation is sent with. */
export type ConversationSettings = Pick<Conversation, "providerId" | "model" | "parameters">;

/** Parameters the workbench changed on its own, with a way back. */
export interface ParameterNotice {
  /** What happened, in English; the page words it from `parameterChanges.title-<code>` with `values`. */
  title: NoticeTitle;
  changes: ParameterChange[];
  /** The settings before the change, restored by Undo. */
  previous: ConversationSettings;
}

/** A notice's title: English, and a catalog code with its values. */
export interface NoticeTitle {
  text: string;
  code: "switched" | "thinking" | "preset" | "web-search";
  values: Record<string, string>;
}

/** Moves to another provider or model, fitting the parameters to it (a notice when anything had to change). */
export function switchModel({ settings, providerId, model, spec, title }: { settings: ConversationSettings; providerId: ProviderId; model: string; spec: ModelSpec; title: NoticeTitle }): { settings: ConversationSettings; notice?: ParameterNotice } {
  const adapted = adaptParameters({ parameters: settings.parameters, from: settings.providerId, to: providerId, spec });
  return { settings: { providerId, model, parameters: adapted.parameters }, ...(adapted.changes.length > 0 ? { notice: { title, changes: adapted.changes, previous: settings } } : {}) };
}

/** Switches thinking (undefined: the model's default), fitting what thinking rules out (a notice when anything had to change). */
export function switchThinking({ settings, spec, thinking }: { settings: ConversationSettings; spec: ModelSpec; thinking: boolean | undefined }): { parameters: RequestParameters; notice?: ParameterNotice } {
  const family = rulesFor(settings.providerId).family;
  const parameters = writeThinkingFields({ fields: settings.parameters, family, thinking, preserve: readPreserveThinking({ fields: settings.parameters, family }) });
  const adapted = adaptParameters({ parameters, from: settings.providerId, to: settings.providerId, spec });
  const state = thinking === undefined ? "default" : thinking ? "on" : "off";
  const title: NoticeTitle = { text: `Thinking ${thinking === undefined ? "reset to the model's default" : thinking ? "on" : "off"}`, code: "thinking", values: { state } };
  return { parameters: adapted.parameters, ...(adapted.changes.length > 0 ? { notice: { title, changes: adapted.changes, previous: settings } } : {}) };
}

/** Turns preserved thinking on or off (undefined: not sent), keeping the thinking switch as it is. */
export function switchPreservedThinking({ settings, preserve }: { settings: ConversationSettings; preserve: boolean | undefined }): RequestParameters {
  const family = rulesFor(settings.providerId).family;
  return writeThinkingFields({ fields: settings.parameters, family, thinking: readThinkingSwitch({ fields: settings.parameters, family }), preserve });
}

/** A preset's parameters fitted to the selected provider and model; the notice lists what was fitted. */
export function loadPreset({ settings, spec, preset }: { settings: ConversationSettings; spec: ModelSpec; preset: { name: string; providerId: ProviderId; parameters: RequestParameters } }): { parameters: RequestParameters; notice: ParameterNotice } {
  const adapted = adaptParameters({ parameters: preset.parameters, from: preset.providerId, to: settings.providerId, spec });
  return { parameters: adapted.parameters, notice: { title: { text: `Loaded preset "${preset.name}"`, code: "preset", values: { name: preset.name } }, changes: adapted.changes, previous: settings } };
}

/** The parameters with one field set, or removed with undefined. */
export function withParameter({ parameters, field, value }: { parameters: RequestParameters; field: string; value: unknown }): RequestParameters {
  const next = { ...parameters };
  if (value === undefined) delete next[field];
  else next[field] = value;
  return next;
}
