import { readPlaceholder } from "@/lib/media/media-placeholder";

/**
 * A JSON text with long strings shortened (data URLs, long messages), for a compact look at a body.
 * An attachment's placeholder stays whole: it names the file and its real size (a size computed
 * from the placeholder's own length said "0 KB").
 */
export function compactJson(value: unknown, { maxString = 160 }: { maxString?: number } = {}): string {
  return JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (typeof item !== "string") return item;
      if (item.startsWith("data:") && readPlaceholder(item)) return item;
      if (item.startsWith("data:")) return `${item.slice(0, item.indexOf(",") + 1)}… (${Math.round((item.length * 3) / 4 / 1024)} KB)`;
      return item.length > maxString ? `${item.slice(0, maxString)}… (${item.length} characters)` : item;
    },
    2,
  );
}
