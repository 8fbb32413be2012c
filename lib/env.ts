import "server-only";
import { z } from "zod";
import { providerIds } from "@/lib/catalog/catalog-types";
import { dashscopeRegionIds } from "@/lib/catalog/dashscope-regions";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalUrl = optionalText.refine(
  (value) => value === undefined || /^https?:\/\/[^\s]+$/.test(value),
  "must be an http(s) URL such as https://api.moonshot.ai/v1",
);

const integer = ({ fallback, min, max }: { fallback: number; min: number; max: number }) =>
  optionalText
    .transform((value, context) => {
      if (value === undefined) return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        context.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return parsed;
    });

const number = ({ fallback, min, max }: { fallback: number; min: number; max: number }) =>
  optionalText.transform((value, context) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
      context.addIssue({ code: "custom", message: `must be a number from ${min} to ${max}` });
      return z.NEVER;
    }
    return parsed;
  });

/** The variable that limits runs' requests (RPM) or tokens (TPM) per minute for a provider, e.g. RUN_RPM_OPENAI_COMPATIBLE. */
export function runLimitName(kind: "RPM" | "TPM", providerId: (typeof providerIds)[number]): string {
  return `RUN_${kind}_${providerId.toUpperCase().replace(/-/g, "_")}`;
}

/** Every environment variable the server reads; the README's configuration table mirrors it. */
const serverEnvSchema = z
  .object({
    MOONSHOT_API_KEY: optionalText,
    MOONSHOT_BASE_URL: optionalUrl,
    DASHSCOPE_API_KEY: optionalText,
    DASHSCOPE_REGION: optionalText.pipe(z.enum(dashscopeRegionIds).optional()),
    DASHSCOPE_WORKSPACE_ID: optionalText,
    DASHSCOPE_BASE_URL: optionalUrl,
    DASHSCOPE_NATIVE_BASE_URL: optionalUrl,
    OPENAI_COMPATIBLE_BASE_URL: optionalUrl,
    OPENAI_COMPATIBLE_API_KEY: optionalText,
    WORKBENCH_ACCESS_TOKEN: optionalText.refine(
      (value) => value === undefined || value.length >= 16,
      "must be at least 16 characters (generate one with: openssl rand -hex 24)",
    ),
    // Set when a reverse proxy forwards to this server: loopback then never counts as access, and the
    // client's address is read from X-Forwarded-For (this many proxies from the right).
    WORKBENCH_TRUST_PROXY: optionalText.transform((value, context) => {
      if (value === undefined || value === "0" || /^(false|off|no)$/i.test(value)) return 0;
      if (/^(true|on|yes)$/i.test(value)) return 1;
      const hops = Number(value);
      if (!Number.isInteger(hops) || hops < 1 || hops > 5) {
        context.addIssue({ code: "custom", message: "must be the number of reverse proxies in front of the server (1-5), true, or false" });
        return z.NEVER;
      }
      return hops;
    }),
    /** The host name the workbench is reached by on this machine (besides localhost, 127.0.0.1 and [::1]). */
    WORKBENCH_HOST_NAME: optionalText,
    REDIS_URL: optionalText.refine((value) => value === undefined || /^rediss?:\/\/\S+$/.test(value), "must be a Redis URL such as redis://127.0.0.1:6379"),
    /** Prefix of every Redis key the workbench writes (several deployments can share one Redis). */
    REDIS_PREFIX: optionalText.transform((value) => value ?? "kimi-workbench"),
    SESSION_DAYS: integer({ fallback: 30, min: 1, max: 365 }),
    SIGN_IN_LIMIT: integer({ fallback: 10, min: 1, max: 10_000 }),
    GATEWAY_PUBLIC_MAX_BODY_MB: integer({ fallback: 16, min: 1, max: 2_048 }),
    GATEWAY_PUBLIC_RATE_LIMIT: integer({ fallback: 120, min: 1, max: 1_000_000 }),
    GATEWAY_CONNECT_TIMEOUT_MS: integer({ fallback: 10_000, min: 100, max: 600_000 }),
    GATEWAY_FIRST_BYTE_TIMEOUT_MS: integer({ fallback: 120_000, min: 100, max: 3_600_000 }),
    GATEWAY_REQUEST_DEADLINE_MS: integer({ fallback: 1_800_000, min: 1_000, max: 86_400_000 }),
    DEFAULT_PROVIDER: optionalText.pipe(z.enum(providerIds).optional()),
    SIMULATOR_TOKENS_PER_SECOND: number({ fallback: 60, min: 1, max: 1_000_000 }),
    SIMULATOR_FIRST_TOKEN_MS: integer({ fallback: 350, min: 0, max: 60_000 }),
    GATEWAY_RETRY_MAX_ATTEMPTS: integer({ fallback: 4, min: 1, max: 10 }),
    GATEWAY_RETRY_BASE_DELAY_MS: integer({ fallback: 500, min: 0, max: 60_000 }),
    GATEWAY_RETRY_MAX_WAIT_MS: integer({ fallback: 30_000, min: 0, max: 600_000 }),
    GATEWAY_IDLE_TIMEOUT_MS: integer({ fallback: 300_000, min: 1_000, max: 3_600_000 }),
    GATEWAY_MAX_BODY_MB: integer({ fallback: 100, min: 1, max: 2_048 }),
    GATEWAY_REASONING_REPLAY: optionalText.pipe(z.enum(["on", "off"], { message: 'must be "on" or "off"' }).optional()),
    GATEWAY_REASONING_REPLAY_MB: integer({ fallback: 32, min: 1, max: 4_096 }),
    LOG_LEVEL: optionalText
      .pipe(z.enum(["info", "warn", "error", "silent"], { message: 'must be "info", "warn", "error" or "silent"' }).optional())
      // Tests run quiet unless they ask for logs (the security suite reads a real server's log).
      .transform((value) => value ?? (process.env.NODE_ENV === "test" ? "silent" : "info")),
    DATA_DIR: optionalText,
    DATABASE_URL: optionalText.refine((value) => value === undefined || /^postgres(ql)?:\/\/\S+$/.test(value), "must be a PostgreSQL URL such as postgres://user:password@host:5432/database"),
    RUN_CONCURRENCY: integer({ fallback: 4, min: 1, max: 256 }),
    RUN_MAX_CELLS: integer({ fallback: 30_000, min: 1, max: 1_000_000 }),
    // How long a worker's claim on a cell lasts without renewal: a killed worker's cells are taken again after it.
    RUN_LEASE_MS: integer({ fallback: 30_000, min: 1_000, max: 600_000 }),
    // Requests and tokens per minute a run may send to each provider (RUN_RPM_MOONSHOT, RUN_TPM_DASHSCOPE, …); 0 or unset: only the catalog's published per-model limits.
    ...Object.fromEntries(providerIds.flatMap((id) => [runLimitName("RPM", id), runLimitName("TPM", id)].map((name) => [name, integer({ fallback: 0, min: 0, max: 100_000_000 })]))),
    SHARE_MAX_SNAPSHOT_MB: integer({ fallback: 5, min: 1, max: 100 }),
    SHARE_MAX_MEDIA_MB: integer({ fallback: 50, min: 0, max: 1_024 }),
    SHARE_CREATE_LIMIT: integer({ fallback: 30, min: 1, max: 100_000 }),
  })
  .superRefine((env, context) => {
    const region = env.DASHSCOPE_REGION ?? "beijing";
    const needsWorkspace = region === "frankfurt" || region === "hongkong";
    const hasOverrides = env.DASHSCOPE_BASE_URL !== undefined && env.DASHSCOPE_NATIVE_BASE_URL !== undefined;
    if (needsWorkspace && env.DASHSCOPE_WORKSPACE_ID === undefined && !hasOverrides) {
      context.addIssue({
        code: "custom",
        path: ["DASHSCOPE_WORKSPACE_ID"],
        message: `is required for DASHSCOPE_REGION=${region}: set it to your Model Studio workspace id`,
      });
    }
  });

/** The validated server configuration. */
export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** Turns zod issues into one message per variable, naming the variable and the fix. */
export function describeEnvIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `- ${issue.path.join(".") || "environment"} ${issue.message}`).join("\n");
}

/** Parses an environment object; throws an Error whose message lists every bad variable. */
export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = serverEnvSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid configuration:\n${describeEnvIssues(result.error.issues)}`);
  }
  return result.data;
}

let cachedEnv: ServerEnv | undefined;

/** The process's configuration, parsed once. */
export function getServerEnv(): ServerEnv {
  cachedEnv ??= parseServerEnv(process.env);
  return cachedEnv;
}

/** The server's own credentials (provider keys, access token): redacted wherever they would leave the server. */
export function serverSecrets(): string[] {
  const env = getServerEnv();
  return [env.MOONSHOT_API_KEY, env.DASHSCOPE_API_KEY, env.OPENAI_COMPATIBLE_API_KEY, env.WORKBENCH_ACCESS_TOKEN].filter((value): value is string => Boolean(value));
}
