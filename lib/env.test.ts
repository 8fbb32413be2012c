import { describe, expect, it } from "vitest";
import { parseServerEnv } from "./env";

describe("server configuration", () => {
  it("applies defaults when nothing is set", () => {
    const env = parseServerEnv({});
    expect(env.MOONSHOT_API_KEY).toBeUndefined();
    expect(env.SIMULATOR_TOKENS_PER_SECOND).toBe(60);
    expect(env.GATEWAY_RETRY_MAX_ATTEMPTS).toBe(4);
    expect(env.GATEWAY_MAX_BODY_MB).toBe(100);
  });

  it("treats empty values as unset", () => {
    expect(parseServerEnv({ MOONSHOT_API_KEY: "", DASHSCOPE_REGION: "" }).MOONSHOT_API_KEY).toBeUndefined();
  });

  it("names each bad variable and the fix", () => {
    expect(() =>
      parseServerEnv({ MOONSHOT_BASE_URL: "api.moonshot.ai", DASHSCOPE_REGION: "tokyo", GATEWAY_RETRY_MAX_ATTEMPTS: "0", WORKBENCH_ACCESS_TOKEN: "short" }),
    ).toThrow(
      /MOONSHOT_BASE_URL must be an http\(s\) URL[\s\S]*DASHSCOPE_REGION[\s\S]*WORKBENCH_ACCESS_TOKEN must be at least 16 characters[\s\S]*GATEWAY_RETRY_MAX_ATTEMPTS must be a whole number from 1 to 10/,
    );
  });

  it("requires a workspace id for Frankfurt and Hong Kong unless both base URLs are given", () => {
    expect(() => parseServerEnv({ DASHSCOPE_REGION: "frankfurt" })).toThrow(/DASHSCOPE_WORKSPACE_ID is required for DASHSCOPE_REGION=frankfurt/);
    expect(parseServerEnv({ DASHSCOPE_REGION: "hongkong", DASHSCOPE_WORKSPACE_ID: "ws-1" }).DASHSCOPE_WORKSPACE_ID).toBe("ws-1");
    expect(() => parseServerEnv({ DASHSCOPE_REGION: "frankfurt", DASHSCOPE_BASE_URL: "http://a/v1", DASHSCOPE_NATIVE_BASE_URL: "http://a/api/v1" })).not.toThrow();
  });
});
