import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readVideoInfo } from "./video-info";

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, "__fixtures__", name)));

function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const size = 8 + payload.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(new TextEncoder().encode(type), 4);
  let offset = 8;
  for (const part of payload) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function words(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  values.forEach((value, index) => new DataView(out.buffer).setUint32(index * 4, value >>> 0));
  return out;
}

// A movie header, version 1 (64-bit times), and a video track whose display matrix turns it 90°.
function rotatedMp4({ timescale, duration, width, height }: { timescale: number; duration: number; width: number; height: number }): Uint8Array {
  const mvhd = box("mvhd", words(0x01000000, 0, 0, 0, 0, timescale, 0, duration));
  const rotation = words(0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x40000000);
  const tkhd = box("tkhd", words(0, 0, 0, 1, 0, 0, 0, 0, 0, 0), rotation, words(width * 65536, height * 65536));
  const hdlr = box("hdlr", words(0, 0), new TextEncoder().encode("vide"), words(0, 0, 0), new Uint8Array([0]));
  const trak = box("trak", tkhd, box("mdia", hdlr));
  return new Uint8Array([...box("ftyp", new TextEncoder().encode("isom"), words(0)), ...box("moov", mvhd, trak)]);
}

describe("readVideoInfo", () => {
  it("reads an MP4 with its index first (faststart)", () => {
    expect(readVideoInfo(fixture("clip-3s-320x240.mp4"))).toEqual({ container: "mp4", durationSeconds: 3, width: 320, height: 240 });
  });

  it("reads an MP4 with its index after the media data", () => {
    expect(readVideoInfo(fixture("clip-3s-320x240-moov-last.mp4"))).toEqual({ container: "mp4", durationSeconds: 3, width: 320, height: 240 });
  });

  it("reads a WebM header", () => {
    const info = readVideoInfo(fixture("clip-2.5s-176x144.webm"));
    expect(info).toMatchObject({ container: "webm", width: 176, height: 144 });
    expect(info?.durationSeconds).toBeCloseTo(2.5, 2);
  });

  it("reads 64-bit movie headers and swaps the size of a picture shown on its side", () => {
    expect(readVideoInfo(rotatedMp4({ timescale: 600, duration: 600 * 75, width: 1920, height: 1080 }))).toEqual({
      container: "mp4",
      durationSeconds: 75,
      width: 1080,
      height: 1920,
    });
  });

  it("returns undefined for what is not a video container", () => {
    expect(readVideoInfo(new TextEncoder().encode("just some text, not a video at all"))).toBeUndefined();
    expect(readVideoInfo(fixture("clip-3s-320x240.mp4").slice(0, 8))).toBeUndefined();
  });

  it("keeps what a truncated file still says", () => {
    const cut = fixture("clip-3s-320x240.mp4").slice(0, 900);
    expect(readVideoInfo(cut)?.container).toBe("mp4");
  });
});
