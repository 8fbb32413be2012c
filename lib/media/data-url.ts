/** A data: URL's bytes as a Blob of its media type (base64 or percent-encoded). */
export function dataUrlToBlob(dataUrl: string): Blob {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!match) throw new Error("A media part is not a valid data: URL.");
  // Decoded here rather than fetched: the page's CSP does not allow fetching data: URLs.
  const bytes = match[2] ? Uint8Array.from(atob(match[3]!), (character) => character.charCodeAt(0)) : new TextEncoder().encode(decodeURIComponent(match[3]!));
  return new Blob([bytes], { type: match[1] || "application/octet-stream" });
}
