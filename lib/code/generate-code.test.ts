import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findModelSpec } from "@/lib/catalog/model-catalog";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import type { Conversation } from "@/lib/conversation/conversation-types";
import type { RunningServer } from "@/lib/http/serve-web-handler";
import { createPlaceholderResolver } from "@/lib/media/attachment-parts";
import type { Attachment } from "@/lib/conversation/attachment-types";
import { makePng } from "@/testing/png-header";
import { prepareProviderRequest } from "@/lib/providers/prepare-provider-request";
import type { PreparedRequest } from "@/lib/providers/prepared-request";
import { buildRequestBody } from "@/lib/request/build-request";
import { setUpFixtureUpstream } from "@/testing/fixture-upstream";
import { startRouteServer } from "@/testing/route-server";
import { rulesFor } from "@/lib/catalog/provider-parameters";
import { generateCode, snippetEnvironment } from "./generate-code";

const run = promisify(execFile);
let gateway: RunningServer;
const upstream = setUpFixtureUpstream();
// A directory whose node_modules is this project's, so `import OpenAI from "openai"` resolves.
const workDirectory = mkdtempSync(join(tmpdir(), "kimi-code-"));
symlinkSync(join(process.cwd(), "node_modules"), join(workDirectory, "node_modules"));

beforeAll(async () => {
  Object.assign(process.env, { SIMULATOR_TOKENS_PER_SECOND: "100000", SIMULATOR_FIRST_TOKEN_MS: "0" });
  gateway = await startRouteServer();
});
afterAll(() => gateway.close());

function snippetsFor({ providerId, model, baseUrl, parameters, prompt }: { providerId: ProviderId; model: string; baseUrl: string; parameters: Record<string, unknown>; prompt: string }) {
  const conversation: Conversation = { id: "c", providerId, model, systemPrompt: "You are concise.", parameters, draft: prompt, draftAttachments: [], turns: [], updatedAt: 1 };
  const spec = findModelSpec({ providerId, modelId: model })!;
  const { body } = buildRequestBody({ conversation, spec, family: rulesFor(providerId).family });
  const wire = prepared({ providerId, baseUrl, body });
  return { wire, snippets: generateCode({ providerId, prepared: wire, environment: snippetEnvironment({ providerId, baseUrl }) }) };
}

function prepared({ providerId, baseUrl, body }: { providerId: ProviderId; baseUrl: string; body: Parameters<typeof prepareProviderRequest>[0]["request"] }): PreparedRequest {
  const result = prepareProviderRequest({ providerId, request: body, config: { baseUrl } });
  if (!result.ok) throw new Error(result.failure.message);
  return result.prepared;
}

const simulatorBase = () => `${gateway.url}/api/providers/simulator/v1`;
const prompt = "Explain closures [[sim reasoning_tokens=6 answer_tokens=15]]";

describe("generated code is real", () => {
  it("Node: the simulator snippet runs and streams reasoning, the answer and usage", async () => {
    const { snippets } = snippetsFor({ providerId: "simulator", model: "kimi-k2.6", baseUrl: simulatorBase(), parameters: { max_tokens: 300 }, prompt });
    writeFileSync(join(workDirectory, "simulator.mjs"), snippets.node!);
    const { stdout } = await run(process.execPath, ["simulator.mjs"], { cwd: workDirectory, env: { ...process.env, WORKBENCH_BASE_URL: simulatorBase() }, timeout: 30_000 });
    expect(stdout).toContain("[reasoning]");
    expect(stdout).toContain("[answer]");
    expect(stdout).toMatch(/\[usage\] \{"prompt_tokens":\d+,"completion_tokens":21,/);
  });

  it("Node: the Moonshot snippet, its base URL pointed at the gateway's simulator, streams an answer", async () => {
    const { snippets } = snippetsFor({ providerId: "moonshot", model: "kimi-k2.6", baseUrl: "https://api.moonshot.ai/v1", parameters: { thinking: { type: "disabled" } }, prompt });
    expect(snippets.node).toContain('baseURL: process.env.MOONSHOT_BASE_URL ?? "https://api.moonshot.ai/v1"');
    writeFileSync(join(workDirectory, "moonshot.mjs"), snippets.node!);
    const { stdout } = await run(process.execPath, ["moonshot.mjs"], { cwd: workDirectory, env: { ...process.env, MOONSHOT_BASE_URL: simulatorBase(), MOONSHOT_API_KEY: "sk-from-the-environment" }, timeout: 30_000 });
    expect(stdout).not.toContain("[reasoning]");
    expect(stdout).toContain("[answer]");
    expect(stdout).toMatch(/"completion_tokens":15/);
  });

  it("curl: the snippet runs with curl and streams server-sent events to [DONE]", async () => {
    const { snippets } = snippetsFor({ providerId: "moonshot", model: "kimi-k2.6", baseUrl: "https://api.moonshot.ai/v1", parameters: { max_tokens: 300 }, prompt: `${prompt} it's "quoted" \\ and $HOME stays literal` });
    const { stdout } = await run("bash", ["-c", snippets.curl], { env: { ...process.env, MOONSHOT_BASE_URL: simulatorBase(), MOONSHOT_API_KEY: "sk-x" }, timeout: 30_000 });
    const events = stdout.split("\n\n").filter((block) => block.startsWith("data: "));
    expect(events[events.length - 1]!.trim()).toBe("data: [DONE]");
    expect(events.some((event) => event.includes('"reasoning_content"'))).toBe(true);
    expect(events.some((event) => event.includes('"usage"'))).toBe(true);
  });

  it("curl: DashScope native sends the native body and headers to the native endpoint", async () => {
    upstream.reply(() => ({ kind: "sse", events: ['id:1\nevent:result\n:HTTP_STATUS/200\ndata:{"output":{"choices":[{"message":{"content":[{"text":"ok"}],"role":"assistant"},"finish_reason":"stop"}]},"usage":{"input_tokens":1,"output_tokens":1}}\n\n'] }));
    const { wire, snippets } = snippetsFor({ providerId: "dashscope-native", model: "kimi-k2.6", baseUrl: "https://dashscope.aliyuncs.com/api/v1", parameters: { enable_thinking: true, temperature: 1 }, prompt: "Hi" });
    expect(snippets.python).toBeUndefined();
    expect(JSON.parse(snippets.nativeJson!)).toEqual(wire.body);
    await run("bash", ["-c", snippets.curl], { env: { ...process.env, DASHSCOPE_NATIVE_BASE_URL: `${upstream.url}/api/v1`, DASHSCOPE_API_KEY: "sk-ds-env" }, timeout: 30_000 });
    const received = upstream.requests[0]!;
    expect(received.path).toBe("/api/v1/services/aigc/multimodal-generation/generation");
    expect(received.headers.authorization).toBe("Bearer sk-ds-env");
    expect(received.headers["x-dashscope-sse"]).toBe("enable");
    expect(received.json).toEqual({
      model: "kimi-k2.6",
      input: { messages: [{ role: "system", content: "You are concise." }, { role: "user", content: "Hi" }] },
      parameters: { result_format: "message", enable_thinking: true, temperature: 1, incremental_output: true },
    });
  });

  it("curl sends every header the adapter sends: DashScope's workspace included", () => {
    const conversation: Conversation = { id: "c", providerId: "dashscope-native", model: "kimi-k2.6", systemPrompt: "", parameters: {}, draft: "Hi", draftAttachments: [], turns: [], updatedAt: 1 };
    const { body } = buildRequestBody({ conversation, spec: findModelSpec({ providerId: "dashscope-native", modelId: "kimi-k2.6" })!, family: "dashscope" });
    const result = prepareProviderRequest({ providerId: "dashscope-native", request: body, config: { baseUrl: "https://ws-1.eu-central-1.maas.aliyuncs.com/api/v1", workspaceId: "ws-1" } });
    if (!result.ok) throw new Error(result.failure.message);
    const snippets = generateCode({ providerId: "dashscope-native", prepared: result.prepared, environment: snippetEnvironment({ providerId: "dashscope-native", baseUrl: "https://ws-1.eu-central-1.maas.aliyuncs.com/api/v1" }) });
    expect(snippets.curl).toContain('-H "X-DashScope-WorkSpace: ws-1"');
    expect(snippets.curl).toContain('-H "X-DashScope-SSE: enable"');
    expect(snippets.curl).toContain('-H "Authorization: Bearer $DASHSCOPE_API_KEY"');
  });

  it("Python: the snippet compiles, with Kimi-only fields in extra_body", async () => {
    const { snippets } = snippetsFor({ providerId: "moonshot", model: "kimi-k2.6", baseUrl: "https://api.moonshot.ai/v1", parameters: { thinking: { type: "enabled", keep: "all" }, prompt_cache_key: "session-1", max_tokens: 2048, stop: ["END"] }, prompt });
    const python = snippets.python!;
    expect(python).toContain('    extra_body={\n        "thinking": {\n            "type": "enabled",\n            "keep": "all",\n        },\n        "prompt_cache_key": "session-1",\n    },');
    expect(python).toContain("    max_tokens=2048,");
    expect(python).toContain("    stream=True,");
    expect(python).toContain('getattr(delta, "reasoning_content", None)');
    const file = join(workDirectory, "request.py");
    writeFileSync(file, python);
    await expect(run("python3", ["-m", "py_compile", file])).resolves.toBeDefined();
  });

  it("never writes a key into the code, only the variable that holds it", () => {
    const { snippets } = snippetsFor({ providerId: "dashscope", model: "kimi-k2.6", baseUrl: "https://dashscope.aliyuncs.com/compatible-mode/v1", parameters: { enable_thinking: true }, prompt: "Hi" });
    for (const code of [snippets.curl, snippets.node!, snippets.python!]) {
      expect(code).toContain("DASHSCOPE_API_KEY");
      expect(code).not.toMatch(/sk-[A-Za-z0-9]/);
    }
  });
});

describe("generated code with attachments reads the files from disk", () => {
  const image: Attachment = { id: "img1", kind: "image", name: "chart.png", mediaType: "image/png", bytes: 100, blobKey: "k1", width: 640, height: 480 };
  const video: Attachment = { id: "vid1", kind: "video", name: "clip it's.mp4", mediaType: "video/mp4", bytes: 100, blobKey: "k2", width: 320, height: 240, durationSeconds: 3, decodable: true, fps: 2, maxFrames: 2000, delivery: "file" };
  const frames: Attachment = { ...video, id: "vid2", name: "frames.mp4", fps: 2, maxFrames: 4, delivery: "frames" };
  const mediaDirectory = mkdtempSync(join(tmpdir(), "kimi-media-"));
  symlinkSync(join(process.cwd(), "node_modules"), join(mediaDirectory, "node_modules"));
  writeFileSync(join(mediaDirectory, "chart.png"), makePng({ width: 640, height: 480 }));
  writeFileSync(join(mediaDirectory, "clip it's.mp4"), readFileSync("lib/media/__fixtures__/clip-3s-320x240.mp4"));
  writeFileSync(join(mediaDirectory, "frames.mp4"), readFileSync("lib/media/__fixtures__/clip-3s-320x240.mp4"));

  function mediaSnippets(attachments: Attachment[]) {
    const providerId = "simulator" as const;
    const conversation: Conversation = { id: "c", providerId, model: "kimi-k2.6", systemPrompt: "", parameters: { max_tokens: 200 }, draft: `What is shown? [[sim reasoning_tokens=2 answer_tokens=5]]`, draftAttachments: attachments, turns: [], updatedAt: 1 };
    const spec = findModelSpec({ providerId, modelId: "kimi-k2.6" })!;
    const resolver = createPlaceholderResolver({ documentText: () => undefined });
    const { body } = buildRequestBody({ conversation, spec, family: rulesFor(providerId).family, media: { providerId, resolver } });
    const wire = prepared({ providerId, baseUrl: simulatorBase(), body });
    return { body, snippets: generateCode({ providerId, prepared: wire, environment: snippetEnvironment({ providerId, baseUrl: simulatorBase() }), attachments }) };
  }

  /** What the simulator bills for the same request with the real bytes inlined. */
  async function billedPrompt(attachments: Attachment[], realFrames: (video: Attachment) => string[]): Promise<number> {
    const { body } = mediaSnippets(attachments);
    const resolver = {
      fileUrl: (attachment: Attachment) => `data:${attachment.mediaType};base64,${readFileSync(join(mediaDirectory, attachment.name)).toString("base64")}`,
      frameUrl: (attachment: Attachment, index: number) => realFrames(attachment)[index]!,
      documentText: () => undefined,
    };
    const conversation: Conversation = { id: "c", providerId: "simulator", model: "kimi-k2.6", systemPrompt: "", parameters: { max_tokens: 200 }, draft: "x", draftAttachments: attachments, turns: [], updatedAt: 1 };
    const real = buildRequestBody({ conversation: { ...conversation, draft: (body.messages.at(-1)!.content as Array<{ type: string; text?: string }>).find((part) => part.type === "text")!.text! }, spec: findModelSpec({ providerId: "simulator", modelId: "kimi-k2.6" })!, family: rulesFor("simulator").family, media: { providerId: "simulator", resolver } });
    const response = await fetch(`${simulatorBase()}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...real.body, stream: false }) });
    return ((await response.json()) as { usage: { prompt_tokens: number } }).usage.prompt_tokens;
  }

  it("Node: an image and a video file are read and sent; the simulator bills them", async () => {
    const { snippets } = mediaSnippets([image, video]);
    expect(snippets.mediaFiles).toEqual(["chart.png", "clip it's.mp4"]);
    expect(snippets.node).toContain('const media_0 = fileDataUrl("chart.png", "image/png");');
    expect(snippets.node).not.toContain("⟨attachment");
    writeFileSync(join(mediaDirectory, "media.mjs"), snippets.node!);
    const { stdout } = await run(process.execPath, ["media.mjs"], { cwd: mediaDirectory, env: { ...process.env, WORKBENCH_BASE_URL: simulatorBase() }, timeout: 30_000 });
    const usage = /\[usage\] (\{.*\})/.exec(stdout);
    expect(usage, stdout).not.toBeNull();
    expect(JSON.parse(usage![1]!).prompt_tokens).toBe(await billedPrompt([image, video], () => []));
  });

  it("curl: bash assembles the body with base64 and ffmpeg-cut frames, and the simulator accepts it", async () => {
    const { snippets } = mediaSnippets([image, frames]);
    expect(snippets.curl).toContain("video_frames 'frames.mp4' 320 240 0 0.75 1.5 2.25");
    const { stdout } = await run("bash", ["-c", snippets.curl], { cwd: mediaDirectory, env: { ...process.env, WORKBENCH_BASE_URL: simulatorBase() }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
    const events = stdout.split("\n\n").filter((block) => block.startsWith("data: "));
    expect(events.at(-1)!.trim(), stdout.slice(0, 500)).toBe("data: [DONE]");
    const usage = events.map((event) => JSON.parse(event.slice(6).trim() === "[DONE]" ? "{}" : event.slice(6)) as { usage?: { prompt_tokens: number } }).find((event) => event.usage)?.usage;
    // Four frames of 320×240 (one chunk) on top of the image and the text: as the workbench estimates.
    expect(usage?.prompt_tokens).toBe(await billedPrompt([image, frames], () => Array.from({ length: 4 }, () => `data:image/jpeg;base64,${makePng({ width: 320, height: 240 }).toString("base64")}`)));
  });

  it("Python: the snippet with media compiles and reads the same files", async () => {
    const { snippets } = mediaSnippets([image, video, frames]);
    const python = snippets.python!;
    expect(python).toContain('media_0 = file_data_url("chart.png", "image/png")');
    expect(python).toContain('media_2 = video_frames("frames.mp4", [0, 0.75, 1.5, 2.25], 320, 240)');
    expect(python).not.toContain("⟨attachment");
    const file = join(mediaDirectory, "request.py");
    writeFileSync(file, python);
    await expect(run("python3", ["-m", "py_compile", file])).resolves.toBeDefined();
  });
});
