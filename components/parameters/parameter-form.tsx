"use client";

import { useTranslations } from "next-intl";
import { apiSamplingDefaults, reasoningControlOf } from "@/lib/catalog/model-catalog";
import { acceptedParameters, allowedToolChoices, defaultMaxTokensFor, maxTokensLimit, outputCapField, parameterNames, rulesFor, type ParameterName } from "@/lib/catalog/provider-parameters";
import { conversationStore } from "@/lib/chat/conversation-store";
import { useNextRequest, useWorkbench } from "@/lib/chat/use-workbench";
import { defaultSampling, pinnedSampling, samplingDependsOnThinking, toolListProblem } from "@/lib/request/request-rules";
import { readPreserveThinking, readThinkingSwitch } from "@/lib/catalog/thinking-fields";
import { FieldIssues, FieldRow, FieldWarnings, inputClass, LinkButton, LockIcon } from "./field-parts";
import { JsonTextField } from "./json-text-field";
import { KimiToolsSection } from "./kimi-tools-section";
import { ModelFacts } from "./model-facts";
import { NumberField } from "./number-field";
import { SamplingFields } from "./sampling-fields";
import { StopField } from "./stop-field";

const sampling = ["temperature", "top_p", "n", "presence_penalty", "frequency_penalty", "seed"] as const;
// Fields with a control here (in any provider's names), and the envelope the workbench sets itself.
const known = new Set<string>([...parameterNames, "enable_thinking", "chat_template_kwargs", "stream", "stream_options"]);

const exampleTool = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "Current weather for a city",
      parameters: { type: "object", properties: { city: { type: "string", description: "City name" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, required: ["city"] },
    },
  },
];

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-3 border-t border-zinc-200 pt-3 first:border-t-0 first:pt-0 dark:border-zinc-800">
      <legend className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 dark:text-zinc-400 uppercase">{title}</legend>
      {children}
    </fieldset>
  );
}

/** The parameter editor: a control for each parameter the selected provider and model accept. */
export function ParameterForm() {
  const { conversation } = useWorkbench();
  const { spec, family, issues, warnings, thinks } = useNextRequest();
  const t = useTranslations();
  const parameters = conversation.parameters;
  const rules = rulesFor(conversation.providerId);
  const accepted = new Set<ParameterName>(acceptedParameters({ providerId: conversation.providerId, spec }));
  const set = (field: string, value: unknown) => conversationStore.setParameter(field, value);
  const thinkingSwitch = readThinkingSwitch({ fields: parameters, family });
  const pins = pinnedSampling({ providerId: conversation.providerId, spec, thinking: thinks });
  const defaults = defaultSampling({ spec, thinking: thinks });
  const mode = samplingDependsOnThinking(spec) ? (thinks ? "thinking" : "plain") : "any";
  const thinkingReason =
    spec.thinking.mode === "always"
      ? t("form.thinkingAlways", { model: spec.id })
      : spec.thinking.mode === "none"
        ? t("form.thinkingNone", { model: spec.id })
        : t("form.thinkingDefault", { model: spec.id, enabled: spec.thinking.defaultEnabled ? "yes" : "no" });
  const toolChoices = allowedToolChoices({ providerId: conversation.providerId, spec, thinkingEnabled: thinks });
  const control = reasoningControlOf(spec);
  const capField = outputCapField(conversation.providerId);
  const tools = Array.isArray(parameters.tools) ? (parameters.tools as Array<{ function?: { name?: string } }>) : [];
  const choice = parameters.tool_choice;
  const choiceValue = choice === undefined ? "" : typeof choice === "string" ? choice : `function:${(choice as { function?: { name?: string } }).function?.name ?? ""}`;
  const format = (parameters.response_format as { type?: string; json_schema?: { name?: string; strict?: boolean; schema?: unknown } } | undefined) ?? undefined;
  const unknownFields = Object.keys(parameters).filter((field) => !known.has(field));

  return (
    <form aria-label={t("form.form")} className="space-y-4 text-sm" onSubmit={(event) => event.preventDefault()}>
      <Section title={t("form.model", { id: spec.id })}>
        <ModelFacts spec={spec} capField={capField} />
      </Section>

      {control?.kind === "effort" ? (
        <Section title={t("form.reasoning")}>
          <FieldRow
            label="reasoning_effort"
            htmlFor="parameter-reasoning-effort"
            hint={
              <>
                <LockIcon />
                {t("form.effortHint", { model: spec.id, efforts: control.efforts.join(", ") })}
              </>
            }
          >
            <select
              id="parameter-reasoning-effort"
              className={inputClass}
              value={typeof parameters.reasoning_effort === "string" ? parameters.reasoning_effort : ""}
              onChange={(event) => set("reasoning_effort", event.target.value || undefined)}
            >
              <option value="">{t("form.notSetDefault", { value: control.defaultEffort })}</option>
              {control.efforts.map((effort) => (
                <option key={effort} value={effort}>
                  {effort}
                </option>
              ))}
            </select>
          </FieldRow>
          <FieldIssues issues={issues} field="reasoning_effort" />
          <FieldIssues issues={issues} field="thinking" />
        </Section>
      ) : (
        <Section title={t("form.thinking")}>
          <div className="flex items-center justify-between gap-2">
            <label htmlFor="parameter-thinking" className="text-xs font-medium">
              {t("form.thinkingLabel")} <code className="font-mono text-[11px] font-normal text-zinc-500 dark:text-zinc-400">{family === "moonshot" ? "thinking.type" : family === "dashscope" ? "enable_thinking" : "chat_template_kwargs.thinking"}</code>
            </label>
            <div className="flex items-center gap-2">
              {spec.thinking.mode === "optional" && thinkingSwitch !== undefined && <LinkButton onClick={() => conversationStore.setThinking(undefined)}>{t("form.reset")}</LinkButton>}
              <button
                id="parameter-thinking"
                type="button"
                role="switch"
                aria-checked={thinks}
                aria-label={t("form.thinkingLabel")}
                aria-describedby="thinking-reason"
                disabled={spec.thinking.mode !== "optional"}
                onClick={() => conversationStore.setThinking(!thinks)}
                className={`relative h-5 w-9 flex-none rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${thinks ? "bg-accent-600" : "bg-zinc-300 dark:bg-zinc-700"}`}
              >
                <span className={`absolute top-0.5 h-4 w-4 rounded-full bg-white shadow transition-all ${thinks ? "left-[18px]" : "left-0.5"}`} />
              </button>
            </div>
          </div>
          <p id="thinking-reason" className="text-xs text-zinc-500 dark:text-zinc-400">
            {spec.thinking.mode !== "optional" && <LockIcon />}
            {thinkingReason}
            {spec.thinking.mode === "optional" && thinkingSwitch !== undefined ? t("form.sentExplicitly", { enabled: thinkingSwitch ? "yes" : "no" }) : ""}
          </p>
          <FieldIssues issues={issues} field={family === "moonshot" ? "thinking" : "enable_thinking"} />
          {accepted.has("preserve_thinking") && (
            <div className="space-y-1">
              <label className="flex items-center gap-2 text-xs">
                <input
                  type="checkbox"
                  checked={spec.preservedThinking === "always" || readPreserveThinking({ fields: parameters, family }) === true}
                  disabled={spec.preservedThinking === "always" || !thinks}
                  onChange={(event) => conversationStore.setPreserveThinking(event.target.checked ? true : undefined)}
                />
                <span>
                  {t("form.keepReasoning")} <code className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{family === "moonshot" ? 'thinking.keep: "all"' : "preserve_thinking"}</code>
                </span>
              </label>
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                {spec.preservedThinking === "always" ? (<><LockIcon />{t("form.keepsAlways", { model: spec.id })}</>) : t("form.keepsHint")}
              </p>
              <FieldIssues issues={issues} field="preserve_thinking" />
            </div>
          )}
          {accepted.has("thinking_budget") && thinks && (
            <NumberField field="thinking_budget" integer value={parameters.thinking_budget} range={rules.ranges.thinking_budget} onChange={(value) => set("thinking_budget", value)} />
          )}
        </Section>
      )}

      <Section title={t("form.output")}>
        <NumberField
          field={capField}
          integer
          value={parameters[capField]}
          defaultValue={defaultMaxTokensFor(spec)}
          range={{ min: 1, max: maxTokensLimit(spec), step: 1 }}
          onChange={(value) => set(capField, value)}
        />
        <FieldIssues issues={issues} field={capField} />
        <FieldWarnings warnings={warnings} field={capField} />
        <StopField value={parameters.stop} limits={rules.stop} onChange={(value) => set("stop", value)} />
        <FieldIssues issues={issues} field="stop" />
        <FieldRow label="response_format" htmlFor="parameter-response-format">
          <select
            id="parameter-response-format"
            className={inputClass}
            value={format?.type ?? ""}
            onChange={(event) => {
              const type = event.target.value;
              if (!type) set("response_format", undefined);
              else if (type === "json_schema") set("response_format", { type, json_schema: { name: format?.json_schema?.name ?? "answer", strict: true, schema: format?.json_schema?.schema ?? { type: "object", properties: {} } } });
              else set("response_format", { type });
            }}
          >
            <option value="">{t("form.notSetDefault", { value: "text" })}</option>
            <option value="text">text</option>
            <option value="json_object">json_object</option>
            <option value="json_schema">json_schema</option>
          </select>
        </FieldRow>
        {format?.type === "json_schema" && (
          <div className="space-y-2 rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
            <FieldRow label="json_schema.name" htmlFor="parameter-schema-name">
              <input id="parameter-schema-name" className={inputClass} value={format.json_schema?.name ?? ""} onChange={(event) => set("response_format", { ...format, json_schema: { ...format.json_schema, name: event.target.value } })} />
            </FieldRow>
            <label className="flex items-center gap-2 font-mono text-xs">
              <input type="checkbox" checked={format.json_schema?.strict !== false} onChange={(event) => set("response_format", { ...format, json_schema: { ...format.json_schema, strict: event.target.checked } })} />
              json_schema.strict
            </label>
            <JsonTextField
              label="json_schema.schema"
              value={format.json_schema?.schema}
              rows={8}
              validate={(value) => (typeof value === "object" && value !== null && !Array.isArray(value) ? undefined : t("form.schemaNotObject"))}
              onChange={(value) => set("response_format", { ...format, json_schema: { ...format.json_schema, schema: value } })}
            />
          </div>
        )}
        <FieldIssues issues={issues} field="response_format" />
      </Section>

      <Section title={t("form.sampling")}>
        <SamplingFields
          fields={sampling.filter((field) => accepted.has(field))}
          parameters={parameters}
          pins={pins as Partial<Record<string, number>>}
          defaults={{ ...apiSamplingDefaults, ...defaults }}
          ranges={rules.ranges}
          pinnedReason={t("form.pinnedGroup", { model: spec.id, mode })}
          issues={issues}
          set={set}
        />
      </Section>

      <Section title={t("form.tools")}>
        <KimiToolsSection conversation={conversation} spec={spec} />
        <JsonTextField
          label="tools"
          value={parameters.tools}
          rows={parameters.tools === undefined ? 3 : 10}
          placeholder='[{"type": "function", "function": {"name": "get_weather", "parameters": {...}}}]'
          validate={toolListProblem}
          onChange={(value) => set("tools", value)}
          action={!parameters.tools ? <LinkButton onClick={() => set("tools", exampleTool)}>{t("form.insertExample")}</LinkButton> : undefined}
        />
        <FieldIssues issues={issues} field="tools" />
        <FieldRow label="tool_choice" htmlFor="parameter-tool-choice" hint={thinks ? t("form.toolChoiceThinking") : undefined}>
          <select
            id="parameter-tool-choice"
            className={inputClass}
            value={choiceValue}
            onChange={(event) => {
              const next = event.target.value;
              if (!next) set("tool_choice", undefined);
              else if (next.startsWith("function:")) set("tool_choice", { type: "function", function: { name: next.slice("function:".length) } });
              else set("tool_choice", next);
            }}
          >
            <option value="">{t("form.notSetDefault", { value: "auto" })}</option>
            {(["auto", "none", "required"] as const).map((kind) => (
              <option key={kind} value={kind} disabled={!toolChoices.includes(kind)}>
                {kind}
                {!toolChoices.includes(kind) ? (thinks ? t("form.notWhileThinking") : t("form.notAcceptedHere")) : ""}
              </option>
            ))}
            {tools.map((tool) => tool.function?.name).filter((name): name is string => Boolean(name)).map((name) => (
              <option key={name} value={`function:${name}`} disabled={!toolChoices.includes("function")}>
                {t("form.functionChoice", { name })}
                {!toolChoices.includes("function") ? (thinks ? t("form.notWhileThinking") : t("form.notAcceptedHere")) : ""}
              </option>
            ))}
          </select>
        </FieldRow>
        <FieldIssues issues={issues} field="tool_choice" />
      </Section>

      {(accepted.has("prompt_cache_key") || accepted.has("enable_search") || accepted.has("vl_high_resolution_images")) && (
        <Section title={family === "dashscope" ? "DashScope" : t("form.caching")}>
          {accepted.has("prompt_cache_key") && (
            <FieldRow label="prompt_cache_key" htmlFor="parameter-prompt-cache-key" hint={t("form.promptCacheKeyHint")}>
              <input id="parameter-prompt-cache-key" className={inputClass} value={typeof parameters.prompt_cache_key === "string" ? parameters.prompt_cache_key : ""} onChange={(event) => set("prompt_cache_key", event.target.value || undefined)} />
            </FieldRow>
          )}
          {(["enable_search", "vl_high_resolution_images"] as const)
            .filter((field) => accepted.has(field))
            .map((field) => (
              <label key={field} className="flex items-center gap-2 font-mono text-xs">
                <input type="checkbox" checked={parameters[field] === true} onChange={(event) => set(field, event.target.checked ? true : undefined)} />
                {field}
              </label>
            ))}
        </Section>
      )}

      {unknownFields.length > 0 && (
        <Section title={t("form.otherFields")}>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("form.otherFieldsHint")}</p>
          <ul className="space-y-1">
            {unknownFields.map((field) => (
              <li key={field} className="flex items-center justify-between font-mono text-xs">
                <span>
                  {field}: {JSON.stringify(parameters[field]).slice(0, 40)}
                </span>
                <LinkButton label={t("form.remove", { field })} onClick={() => set(field, undefined)}>
                  {t("kimiTools.remove")}
                </LinkButton>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </form>
  );
}
