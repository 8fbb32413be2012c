import { describe, expect, it } from "vitest";
import { makePng } from "@/testing/png-header";
import { parseDataUrl, readImageInfo } from "./image-dimensions";

function jpegHeader(width: number, height: number): Uint8Array {
  // SOI, an APP0 segment, then SOF0 with the size.
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

describe("image headers", () => {
  it("reads PNG, JPEG, GIF and WebP sizes", () => {
    expect(readImageInfo(makePng({ width: 37, height: 21 }))).toEqual({ format: "png", width: 37, height: 21 });
    expect(readImageInfo(jpegHeader(1920, 1080))).toEqual({ format: "jpeg", width: 1920, height: 1080 });
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x2c, 0x01, 0xc8, 0x00, ...new Array(20).fill(0)]);
    expect(readImageInfo(gif)).toEqual({ format: "gif", width: 300, height: 200 });
    const webp = new Uint8Array(30);
    webp.set([0x52, 0x49, 0x46, 0x46], 0);
    webp.set([0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x58], 8);
    webp.set([0xff, 0x03, 0x00, 0x37, 0x04, 0x00], 24); // 1024×1080 (stored minus one)
    expect(readImageInfo(webp)).toEqual({ format: "webp", width: 1024, height: 1080 });
  });

  it("returns nothing for bytes that are not an image", () => {
    expect(readImageInfo(new TextEncoder().encode("hello world, this is not an image at all"))).toBeUndefined();
  });

  it("parses data URLs, including the ones Moonshot's own example builds (image/.png)", () => {
    expect(parseDataUrl("data:image/png;base64,AAAA")).toEqual({ mediaType: "image/png", base64: "AAAA" });
    expect(parseDataUrl("data:image/.png;base64,AAAA")).toEqual({ mediaType: "image/.png", base64: "AAAA" });
    expect(parseDataUrl("https://example.com/a.png")).toBeUndefined();
  });
});
