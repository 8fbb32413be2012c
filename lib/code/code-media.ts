import { currentFrames } from "@/lib/media/attachment-parts";
import type { Attachment, VideoAttachment } from "@/lib/conversation/attachment-types";
import { readPlaceholder } from "@/lib/media/media-placeholder";
import { frameListFor } from "@/lib/media/media-rules";
import { framePatchLimit, resizedForVision } from "@/lib/catalog/vision-tokens";

// The body on screen carries placeholders instead of base64. Code must send the real bytes, so each
// placeholder becomes an expression that reads the file from disk (or cuts the frames with ffmpeg).

/** A file the code reads, or frames it cuts from a video, where the body had a placeholder. */
export type CodeMedia =
  | { kind: "file"; token: string; path: string; mediaType: string }
  | { kind: "frames"; token: string; path: string; seconds: number[]; width: number; height: number };

/** A body whose placeholders are replaced by tokens (`__KIMI_MEDIA_n__`), and what each token stands for. */
export interface BodyWithMedia {
  body: unknown;
  media: CodeMedia[];
  /** Placeholders no attachment of the conversation explains (left as they are, with a warning). */
  unknown: string[];
}

function framesOf(video: VideoAttachment): { seconds: number[]; width: number; height: number } {
  const frames = currentFrames(video);
  if (frames) return { seconds: frames.times, width: frames.width, height: frames.height };
  const size = resizedForVision({ width: video.width ?? 0, height: video.height ?? 0, patchLimit: framePatchLimit });
  return { seconds: frameListFor(video).times, ...size };
}

/** Replaces placeholders in a body by tokens: a file placeholder by one, a whole frame list by one. */
export function extractCodeMedia({ body, attachments }: { body: unknown; attachments: readonly Attachment[] }): BodyWithMedia {
  const byId = new Map(attachments.map((attachment) => [attachment.id, attachment]));
  const media: CodeMedia[] = [];
  const tokens = new Map<string, string>();
  const unknown: string[] = [];
  const tokenFor = (key: string, make: (token: string) => CodeMedia): string => {
    const existing = tokens.get(key);
    if (existing) return existing;
    const token = `__KIMI_MEDIA_${media.length}__`;
    tokens.set(key, token);
    media.push(make(token));
    return token;
  };
  const visit = (value: unknown): unknown => {
    if (typeof value === "string") {
      const reference = readPlaceholder(value);
      if (!reference || reference.frameIndex !== undefined) {
        if (reference) unknown.push(value);
        return value;
      }
      const attachment = byId.get(reference.attachmentId);
      if (!attachment) {
        unknown.push(value);
        return value;
      }
      return tokenFor(`file:${attachment.id}`, (token) => ({ kind: "file", token, path: attachment.name, mediaType: reference.mediaType }));
    }
    if (Array.isArray(value)) {
      // A frame list: every item a frame of the same video.
      const references = value.map((item) => (typeof item === "string" ? readPlaceholder(item) : undefined));
      const first = references[0];
      const video = first?.frameIndex !== undefined ? byId.get(first.attachmentId) : undefined;
      if (video?.kind === "video" && references.every((reference) => reference?.attachmentId === first!.attachmentId && reference.frameIndex !== undefined)) {
        const frames = framesOf(video);
        return tokenFor(`frames:${video.id}:${value.length}`, (token) => ({
          kind: "frames",
          token,
          path: video.name,
          seconds: references.map((reference) => frames.seconds[reference!.frameIndex!] ?? 0),
          width: frames.width,
          height: frames.height,
        }));
      }
      return value.map(visit);
    }
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item)]));
    return value;
  };
  return { body: visit(body), media, unknown };
}

/** Python source that defines the media variables (files read from disk, frames cut with ffmpeg). */
export function pythonMediaPrelude(media: readonly CodeMedia[]): string {
  if (media.length === 0) return "";
  const needsFrames = media.some((item) => item.kind === "frames");
  const lines = [
    "import base64",
    ...(needsFrames ? ["import subprocess"] : []),
    "",
    "",
    "def file_data_url(path, media_type):",
    "    with open(path, \"rb\") as file:",
    "        return f\"data:{media_type};base64,\" + base64.b64encode(file.read()).decode()",
    ...(needsFrames
      ? [
          "",
          "",
          "def video_frames(path, times, width, height):",
          "    # The workbench cut these frames in the browser; here ffmpeg cuts the same moments at the same size.",
          "    frames = []",
          "    for seconds in times:",
          "        jpeg = subprocess.run(",
          "            [\"ffmpeg\", \"-v\", \"error\", \"-ss\", str(seconds), \"-i\", path, \"-frames:v\", \"1\", \"-vf\", f\"scale={width}:{height}\", \"-f\", \"image2pipe\", \"-c:v\", \"mjpeg\", \"-\"],",
          "            capture_output=True,",
          "            check=True,",
          "        ).stdout",
          "        frames.append(\"data:image/jpeg;base64,\" + base64.b64encode(jpeg).decode())",
          "    return frames",
        ]
      : []),
    "",
    "",
    `# Media is read from the current directory: ${[...new Set(media.map((item) => item.path))].join(", ")}.`,
    ...media.map((item) =>
      item.kind === "file"
        ? `${variableName(item)} = file_data_url(${JSON.stringify(item.path)}, ${JSON.stringify(item.mediaType)})`
        : `${variableName(item)} = video_frames(${JSON.stringify(item.path)}, [${item.seconds.map(formatSeconds).join(", ")}], ${item.width}, ${item.height})`,
    ),
  ];
  return lines.join("\n");
}

/** JavaScript (ES module) source that defines the media constants. */
export function nodeMediaPrelude(media: readonly CodeMedia[]): string {
  if (media.length === 0) return "";
  const needsFrames = media.some((item) => item.kind === "frames");
  return [
    ...(needsFrames ? ['import { execFileSync } from "node:child_process";'] : []),
    'import { readFileSync } from "node:fs";',
    "",
    "const fileDataUrl = (path, mediaType) => `data:${mediaType};base64,${readFileSync(path).toString(\"base64\")}`;",
    ...(needsFrames
      ? [
          "// The workbench cut these frames in the browser; here ffmpeg cuts the same moments at the same size.",
          "const videoFrames = (path, times, width, height) =>",
          "  times.map((seconds) => {",
          '    const jpeg = execFileSync("ffmpeg", ["-v", "error", "-ss", String(seconds), "-i", path, "-frames:v", "1", "-vf", `scale=${width}:${height}`, "-f", "image2pipe", "-c:v", "mjpeg", "-"], { maxBuffer: 64 * 1024 * 1024 });',
          '    return `data:image/jpeg;base64,${jpeg.toString("base64")}`;',
          "  });",
        ]
      : []),
    "",
    `// Media is read from the current directory: ${[...new Set(media.map((item) => item.path))].join(", ")}.`,
    ...media.map((item) =>
      item.kind === "file"
        ? `const ${variableName(item)} = fileDataUrl(${JSON.stringify(item.path)}, ${JSON.stringify(item.mediaType)});`
        : `const ${variableName(item)} = videoFrames(${JSON.stringify(item.path)}, [${item.seconds.map(formatSeconds).join(", ")}], ${item.width}, ${item.height});`,
    ),
  ].join("\n");
}

/** A string for a single-quoted shell word. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Bash that defines the media variables and puts them into `$body` (which holds the JSON with tokens). */
export function shellMediaSubstitutions(media: readonly CodeMedia[]): string {
  if (media.length === 0) return "";
  const needsFrames = media.some((item) => item.kind === "frames");
  return [
    "file_data_url() { printf 'data:%s;base64,' \"$2\"; base64 < \"$1\" | tr -d '\\n'; }",
    ...(needsFrames
      ? [
          "# The workbench cut these frames in the browser; here ffmpeg cuts the same moments at the same size.",
          "video_frames() {",
          "  local video=$1 width=$2 height=$3 separator=''",
          "  shift 3",
          "  printf '['",
          "  for seconds in \"$@\"; do",
          "    printf '%s\"data:image/jpeg;base64,' \"$separator\"",
          "    ffmpeg -v error -ss \"$seconds\" -i \"$video\" -frames:v 1 -vf \"scale=$width:$height\" -f image2pipe -c:v mjpeg - | base64 | tr -d '\\n'",
          "    printf '\"'",
          "    separator=','",
          "  done",
          "  printf ']'",
          "}",
        ]
      : []),
    `# Media is read from the current directory: ${[...new Set(media.map((item) => item.path))].join(", ")}.`,
    ...media.flatMap((item) => {
      const name = variableName(item);
      if (item.kind === "file") {
        return [`${name}="$(file_data_url ${shellQuote(item.path)} ${shellQuote(item.mediaType)})"`, `body="\${body//${item.token}/"$${name}"}"`];
      }
      // The token stands for a whole JSON array, quotes included.
      return [`${name}="$(video_frames ${shellQuote(item.path)} ${item.width} ${item.height} ${item.seconds.map(formatSeconds).join(" ")})"`, `body="\${body//'"${item.token}"'/"$${name}"}"`];
    }),
  ].join("\n");
}

/** The variable a media item is held in. */
export function variableName(item: CodeMedia): string {
  return `media_${item.token.replace(/\D/g, "")}`;
}

function formatSeconds(seconds: number): string {
  return String(Math.round(seconds * 1000) / 1000);
}
