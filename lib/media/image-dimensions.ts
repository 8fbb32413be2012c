/** Pixel size and format read from an image file's header. */
export interface ImageInfo {
  format: "png" | "jpeg" | "gif" | "webp" | "bmp";
  width: number;
  height: number;
}

function readUint16BE(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

function readUint32BE(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) >>> 0) + (bytes[offset + 1]! << 16) + (bytes[offset + 2]! << 8) + bytes[offset + 3]!;
}

function readUint16LE(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8);
}

function readUint24LE(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16);
}

function readInt32LE(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function readJpeg(bytes: Uint8Array): ImageInfo | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    // Fill bytes and standalone markers carry no length.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const length = readUint16BE(bytes, offset + 2);
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      return { format: "jpeg", height: readUint16BE(bytes, offset + 5), width: readUint16BE(bytes, offset + 7) };
    }
    offset += 2 + length;
  }
  return undefined;
}

function readWebp(bytes: Uint8Array): ImageInfo | undefined {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === "VP8X") return { format: "webp", width: readUint24LE(bytes, 24) + 1, height: readUint24LE(bytes, 27) + 1 };
  if (chunk === "VP8L") {
    const b0 = bytes[21]!;
    const b1 = bytes[22]!;
    const b2 = bytes[23]!;
    const b3 = bytes[24]!;
    return { format: "webp", width: 1 + (((b1 & 0x3f) << 8) | b0), height: 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)) };
  }
  if (chunk === "VP8 ") return { format: "webp", width: readUint16LE(bytes, 26) & 0x3fff, height: readUint16LE(bytes, 28) & 0x3fff };
  return undefined;
}

/** Reads the format and size of a PNG, JPEG, GIF, WebP or BMP file from its first bytes. */
export function readImageInfo(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes.length < 26) return undefined;
  if (bytes[0] === 0x89 && ascii(bytes, 1, 3) === "PNG") {
    return { format: "png", width: readUint32BE(bytes, 16), height: readUint32BE(bytes, 20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return readJpeg(bytes);
  if (ascii(bytes, 0, 3) === "GIF") return { format: "gif", width: readUint16LE(bytes, 6), height: readUint16LE(bytes, 8) };
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP" && bytes.length >= 30) return readWebp(bytes);
  if (ascii(bytes, 0, 2) === "BM") return { format: "bmp", width: readInt32LE(bytes, 18), height: Math.abs(readInt32LE(bytes, 22)) };
  return undefined;
}

/** A parsed `data:` URL. */
export interface DataUrl {
  mediaType: string;
  base64: string;
}

/** Splits a base64 `data:` URL into its media type and payload. */
export function parseDataUrl(url: string): DataUrl | undefined {
  const match = /^data:([^;,]+)?(?:;[^;,=]+=[^;,]*)*;base64,/i.exec(url);
  if (!match) return undefined;
  return { mediaType: (match[1] ?? "").toLowerCase(), base64: url.slice(match[0].length) };
}
