// Reads a video's duration and picture size from its container header, so the server (the
// simulator's billing, the token estimate) can size a video file without decoding it. Only the
// few header fields needed are read; MP4/MOV (ISO BMFF) and WebM/Matroska cover what browsers
// record and what the providers accept most often.

/** What a video file's header says about it. */
export interface VideoInfo {
  container: "mp4" | "webm";
  /** Absent when the header does not carry it (e.g. a live WebM recording). */
  durationSeconds?: number;
  /** Display size of the first video track (rotation applied). */
  width?: number;
  height?: number;
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) >>> 0) + (bytes[offset + 1]! << 16) + (bytes[offset + 2]! << 8) + bytes[offset + 3]!;
}

function readUint64(bytes: Uint8Array, offset: number): number {
  return readUint32(bytes, offset) * 2 ** 32 + readUint32(bytes, offset + 4);
}

function readInt32(bytes: Uint8Array, offset: number): number {
  return readUint32(bytes, offset) | 0;
}

function fourCc(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!);
}

interface Box {
  type: string;
  /** Start of the payload (after the header). */
  start: number;
  end: number;
}

/** The boxes laid out in `[start, end)`; stops at the first malformed size. */
function readBoxes(bytes: Uint8Array, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    let size = readUint32(bytes, offset);
    const type = fourCc(bytes, offset + 4);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > end) break;
      size = readUint64(bytes, offset + 8);
      header = 16;
    } else if (size === 0) size = end - offset;
    if (size < header || offset + size > end) {
      // A truncated last box (the file was cut short): keep what is readable.
      boxes.push({ type, start: offset + header, end });
      break;
    }
    boxes.push({ type, start: offset + header, end: offset + size });
    offset += size;
  }
  return boxes;
}

function child(bytes: Uint8Array, box: Box, type: string): Box | undefined {
  return readBoxes(bytes, box.start, box.end).find((candidate) => candidate.type === type);
}

function readMovieDuration(bytes: Uint8Array, mvhd: Box): number | undefined {
  const version = bytes[mvhd.start];
  const timescale = version === 1 ? readUint32(bytes, mvhd.start + 20) : readUint32(bytes, mvhd.start + 12);
  const duration = version === 1 ? readUint64(bytes, mvhd.start + 24) : readUint32(bytes, mvhd.start + 16);
  if (!timescale || !duration || duration === 0xffffffff) return undefined;
  return duration / timescale;
}

function readTrackSize(bytes: Uint8Array, tkhd: Box): { width: number; height: number } | undefined {
  const version = bytes[tkhd.start];
  // Version 1 widens creation, modification and duration to 64 bits.
  const matrixOffset = tkhd.start + (version === 1 ? 52 : 40);
  const sizeOffset = matrixOffset + 36;
  if (sizeOffset + 8 > tkhd.end) return undefined;
  const width = Math.round(readUint32(bytes, sizeOffset) / 65536);
  const height = Math.round(readUint32(bytes, sizeOffset + 4) / 65536);
  if (!width || !height) return undefined;
  // A 90° or 270° display matrix (a = 0, b = ±1 in 16.16) shows the picture on its side.
  const a = readInt32(bytes, matrixOffset);
  const b = readInt32(bytes, matrixOffset + 4);
  const quarterTurn = a === 0 && Math.abs(b) === 65536;
  return quarterTurn ? { width: height, height: width } : { width, height };
}

function readIsoBmff(bytes: Uint8Array): VideoInfo | undefined {
  const top = readBoxes(bytes, 0, bytes.length);
  // MP4 starts with ftyp; old QuickTime files may start with wide, mdat or moov.
  const first = top[0]?.type;
  if (!first || !["ftyp", "moov", "wide", "mdat", "free"].includes(first)) return undefined;
  const moov = top.find((box) => box.type === "moov");
  const info: VideoInfo = { container: "mp4" };
  if (!moov) return info;
  const mvhd = child(bytes, moov, "mvhd");
  if (mvhd) info.durationSeconds = readMovieDuration(bytes, mvhd);
  for (const trak of readBoxes(bytes, moov.start, moov.end).filter((box) => box.type === "trak")) {
    const mdia = child(bytes, trak, "mdia");
    const hdlr = mdia && child(bytes, mdia, "hdlr");
    if (!hdlr || fourCc(bytes, hdlr.start + 8) !== "vide") continue;
    const tkhd = child(bytes, trak, "tkhd");
    const size = tkhd && readTrackSize(bytes, tkhd);
    if (size) Object.assign(info, size);
    break;
  }
  return info;
}

// Matroska element ids (with their length marker bits, as written in the file).
const ebmlHeaderId = 0x1a45dfa3;
const segmentId = 0x18538067;
const infoId = 0x1549a966;
const timecodeScaleId = 0x2ad7b1;
const durationId = 0x4489;
const tracksId = 0x1654ae6b;
const trackEntryId = 0xae;
const trackTypeId = 0x83;
const videoId = 0xe0;
const pixelWidthId = 0xb0;
const pixelHeightId = 0xba;
const displayWidthId = 0x54b0;
const displayHeightId = 0x54ba;
const clusterId = 0x1f43b675;

interface Element {
  id: number;
  start: number;
  end: number;
}

/** A Matroska variable-length integer at `offset`: its value (marker kept for ids) and length. */
function readVint(bytes: Uint8Array, offset: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | undefined {
  const first = bytes[offset];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (length > 8 || offset + length > bytes.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let index = 1; index < length; index += 1) {
    value = value * 256 + bytes[offset + index]!;
    if (bytes[offset + index] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function readElements(bytes: Uint8Array, start: number, end: number): Element[] {
  const elements: Element[] = [];
  let offset = start;
  while (offset < end) {
    const id = readVint(bytes, offset, true);
    if (!id) break;
    const size = readVint(bytes, offset + id.length, false);
    if (!size) break;
    const payload = offset + id.length + size.length;
    // Unknown sizes (live recordings) run to the end of the parent.
    const elementEnd = size.unknown ? end : Math.min(end, payload + size.value);
    elements.push({ id: id.value, start: payload, end: elementEnd });
    if (id.value === clusterId) break; // media data follows: the header fields come before it
    offset = elementEnd;
  }
  return elements;
}

function readUnsigned(bytes: Uint8Array, element: Element): number {
  let value = 0;
  for (let offset = element.start; offset < element.end; offset += 1) value = value * 256 + bytes[offset]!;
  return value;
}

function readFloat(bytes: Uint8Array, element: Element): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset + element.start, element.end - element.start);
  if (view.byteLength === 4) return view.getFloat32(0);
  if (view.byteLength === 8) return view.getFloat64(0);
  return undefined;
}

function readMatroska(bytes: Uint8Array): VideoInfo | undefined {
  const top = readElements(bytes, 0, bytes.length);
  if (top[0]?.id !== ebmlHeaderId) return undefined;
  const segment = top.find((element) => element.id === segmentId);
  const info: VideoInfo = { container: "webm" };
  if (!segment) return info;
  const children = readElements(bytes, segment.start, segment.end);
  const segmentInfo = children.find((element) => element.id === infoId);
  if (segmentInfo) {
    const fields = readElements(bytes, segmentInfo.start, segmentInfo.end);
    const scale = fields.find((element) => element.id === timecodeScaleId);
    const duration = fields.find((element) => element.id === durationId);
    const ticks = duration && readFloat(bytes, duration);
    if (ticks !== undefined && ticks > 0) info.durationSeconds = (ticks * (scale ? readUnsigned(bytes, scale) : 1_000_000)) / 1e9;
  }
  const tracks = children.find((element) => element.id === tracksId);
  for (const entry of tracks ? readElements(bytes, tracks.start, tracks.end).filter((element) => element.id === trackEntryId) : []) {
    const fields = readElements(bytes, entry.start, entry.end);
    const type = fields.find((element) => element.id === trackTypeId);
    const video = fields.find((element) => element.id === videoId);
    if (!video || (type && readUnsigned(bytes, type) !== 1)) continue;
    const videoFields = readElements(bytes, video.start, video.end);
    const pick = (id: number) => {
      const element = videoFields.find((candidate) => candidate.id === id);
      return element ? readUnsigned(bytes, element) : undefined;
    };
    const width = pick(displayWidthId) ?? pick(pixelWidthId);
    const height = pick(displayHeightId) ?? pick(pixelHeightId);
    if (width && height) Object.assign(info, { width, height });
    break;
  }
  return info;
}

/** Reads duration and size from an MP4/MOV or WebM/Matroska file; undefined for other formats. */
export function readVideoInfo(bytes: Uint8Array): VideoInfo | undefined {
  if (bytes.length < 12) return undefined;
  return readIsoBmff(bytes) ?? readMatroska(bytes);
}
