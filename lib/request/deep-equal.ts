/** Structural equality of JSON values (key order ignored); the browser has no util.isDeepStrictEqual. */
export function isDeepStrictEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== "object" || typeof right !== "object" || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left) && Array.isArray(right)) return left.length === right.length && left.every((item, index) => isDeepStrictEqual(item, right[index]));
  const leftEntries = Object.entries(left).filter(([, value]) => value !== undefined);
  const rightRecord = right as Record<string, unknown>;
  const rightKeys = Object.keys(rightRecord).filter((key) => rightRecord[key] !== undefined);
  return leftEntries.length === rightKeys.length && leftEntries.every(([key, value]) => isDeepStrictEqual(value, rightRecord[key]));
}
