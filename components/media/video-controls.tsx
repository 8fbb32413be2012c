"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { conversationStore } from "@/lib/chat/conversation-store";
import { useWorkbench } from "@/lib/chat/use-workbench";
import type { VideoAttachment } from "@/lib/conversation/attachment-types";
import { formatVideoTime, sampleFrameTimes } from "@/lib/media/frame-sampling";
import { videoLimits } from "@/lib/wire/video-limits";
import { mediaCache } from "@/lib/media/media-cache";
import { providerMediaLimits } from "@/lib/catalog/media-limits";
import { useMediaCache } from "@/lib/media/use-media";
import { videoTokenDetail } from "@/lib/tokens/attachment-tokens";

/** A number field that lets the user type freely and applies each value that parses. */
function SettingInput({ label, value, min, max, step, onChange, hint }: { label: string; value: number; min: number; max: number; step: number; onChange: (value: number) => void; hint: string }) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  const id = useId();
  // A value changed elsewhere (a preset, the JSON view) replaces what is typed; adjusted during render, not in an effect.
  if (shown !== value) {
    setShown(value);
    if (Number(text) !== value) setText(String(value));
  }
  return (
    <label htmlFor={id} className="flex flex-col gap-0.5 text-xs">
      <span className="font-mono font-medium">{label}</span>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={text}
        title={hint}
        onChange={(event) => {
          setText(event.target.value);
          const parsed = Number(event.target.value);
          if (event.target.value.trim() !== "" && Number.isFinite(parsed)) onChange(parsed);
        }}
        className="w-24 rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
    </label>
  );
}

// Beyond this many moments the strip shows an even selection (the timeline above it shows all).
const maxTiles = 60;

/** The moments a video's frames come from: a timeline with every moment, and thumbnails. */
function FrameStrip({ video, moments, capped }: { video: VideoAttachment; moments: number[]; capped: boolean }) {
  useMediaCache();
  const t = useTranslations();
  const duration = video.durationSeconds ?? 0;
  useEffect(() => {
    if (video.decodable) void import("@/lib/media/media-work").then((work) => work.captureThumbnails(video));
  }, [video]);
  const thumbnails = mediaCache.thumbnails.get(video.blobKey);
  const nearest = (time: number): string | undefined => {
    let best: string | undefined;
    let distance = Infinity;
    for (const [at, url] of thumbnails ?? []) {
      if (Math.abs(at - time) < distance) {
        distance = Math.abs(at - time);
        best = url;
      }
    }
    return best;
  };
  const step = moments.length > maxTiles ? moments.length / maxTiles : 1;
  const tiles = Array.from({ length: Math.min(maxTiles, moments.length) }, (_, index) => Math.floor(index * step));
  return (
    <div className="space-y-1" data-testid="frame-strip" data-frame-count={moments.length}>
      <svg viewBox="0 0 1000 12" preserveAspectRatio="none" className="h-3 w-full rounded bg-zinc-100 dark:bg-zinc-800" aria-hidden>
        <path d={moments.map((time) => `M${((time / Math.max(duration, 0.001)) * 1000).toFixed(1)} 0V12`).join("")} stroke="currentColor" strokeWidth={moments.length > 300 ? 0.6 : 2} className="text-accent-600" />
      </svg>
      <ol aria-label={t("video.frames")} className="flex gap-1 overflow-x-auto pb-1">
        {tiles.map((index) => {
          const time = moments[index]!;
          const url = nearest(time);
          return (
            <li key={index} className="shrink-0 text-center">
              {url ? (
                // eslint-disable-next-line @next/next/no-img-element -- a frame captured in this browser
                <img src={url} alt={t("video.frameAlt", { number: index + 1, time: formatVideoTime(time) })} className="h-12 rounded" />
              ) : (
                <div className="flex h-12 w-16 items-center justify-center rounded bg-zinc-100 text-[10px] text-zinc-400 dark:bg-zinc-800">{video.decodable ? "…" : t("video.noPreview")}</div>
              )}
              <span className="font-mono text-[10px] text-zinc-500 dark:text-zinc-400">{formatVideoTime(time)}</span>
            </li>
          );
        })}
      </ol>
      {moments.length > maxTiles && (
        <p className="text-[11px] text-zinc-500 dark:text-zinc-400">
          {t("video.showing", { shown: maxTiles, total: moments.length, capped: capped ? "yes" : "no" })}
        </p>
      )}
    </div>
  );
}

/** fps, max_frames, how the video is sent, and which frames the model will see. */
export function VideoControls({ video }: { video: VideoAttachment }) {
  const { conversation } = useWorkbench();
  const t = useTranslations();
  const limits = providerMediaLimits[conversation.providerId];
  const honoured = video.delivery === "frames" || limits.honoursMaxFrames;
  const durationSeconds = video.durationSeconds ?? 0;
  const fps = Math.min(Math.max(video.fps, videoLimits.minFps), videoLimits.maxFps);
  // A value out of range is flagged, not quietly clamped into a frame count that will never be sent.
  const outOfRange =
    video.fps < videoLimits.minFps || video.fps > videoLimits.maxFps
      ? t("video.fpsOutOfRange", { value: video.fps, min: videoLimits.minFps, max: videoLimits.maxFps })
      : !Number.isInteger(video.maxFrames) || video.maxFrames < videoLimits.minMaxFrames || video.maxFrames > videoLimits.maxMaxFrames
        ? t("video.maxFramesOutOfRange", { value: video.maxFrames, min: videoLimits.minMaxFrames, max: videoLimits.maxMaxFrames })
        : undefined;
  const sample = sampleFrameTimes({ durationSeconds, fps, maxFrames: honoured ? Math.max(1, Math.min(video.maxFrames, videoLimits.maxMaxFrames)) : videoLimits.defaultMaxFrames });
  const detail = videoTokenDetail({ video, providerId: conversation.providerId });
  const name = useId();
  const framesPossible = video.decodable && limits.frameList !== "unsupported";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <SettingInput
          label="fps"
          value={video.fps}
          min={videoLimits.minFps}
          max={videoLimits.maxFps}
          step={videoLimits.fpsStep}
          hint={t("video.fpsHint", { min: videoLimits.minFps, max: videoLimits.maxFps })}
          onChange={(value) => conversationStore.media.updateDraftAttachment(video.id, { fps: value })}
        />
        <SettingInput
          label="max_frames"
          value={video.maxFrames}
          min={videoLimits.minMaxFrames}
          max={videoLimits.maxMaxFrames}
          step={1}
          hint={t("video.maxFramesHint", { min: videoLimits.minMaxFrames, max: videoLimits.maxMaxFrames })}
          onChange={(value) => conversationStore.media.updateDraftAttachment(video.id, { maxFrames: value })}
        />
        <fieldset className="flex gap-3 text-xs">
          <legend className="sr-only">{t("video.sendAs")}</legend>
          <label className="flex items-center gap-1">
            <input type="radio" name={name} checked={video.delivery === "file"} onChange={() => conversationStore.media.updateDraftAttachment(video.id, { delivery: "file" })} />
            {t("video.sendAsFile")}
          </label>
          <label className={`flex items-center gap-1 ${framesPossible ? "" : "opacity-50"}`} title={framesPossible ? t("video.framesTitle") : t("video.framesImpossible")}>
            <input type="radio" name={name} disabled={!framesPossible} checked={video.delivery === "frames"} onChange={() => conversationStore.media.updateDraftAttachment(video.id, { delivery: "frames" })} />
            {t("media.sendAsFrames")}
          </label>
        </fieldset>
      </div>
      {outOfRange ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400" data-testid="frame-summary">
          {outOfRange} {t("video.refused")}
        </p>
      ) : (
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="frame-summary">
        {sample.capped
          ? t("video.capped", { count: sample.times.length, duration: formatVideoTime(durationSeconds), uncapped: Math.floor(durationSeconds * fps + 1e-9), fps })
          : t("video.spread", { count: sample.times.length, every: (1 / fps).toFixed(fps >= 1 ? 2 : 1).replace(/\.?0+$/, "") })}
        {detail ? ` · ${t("video.chunks", { chunks: detail.chunks, tokens: detail.tokens })}` : ""}
        {!honoured && video.maxFrames < Math.floor(durationSeconds * fps + 1e-9) ? ` · ${t("video.ignoresMaxFrames", { framesPossible: framesPossible ? "yes" : "no" })}` : ""}
      </p>
      )}
      {durationSeconds > 0 && !outOfRange && <FrameStrip video={video} moments={sample.times} capped={sample.capped} />}
    </div>
  );
}
