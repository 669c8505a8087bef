/**
 * Whether a parsed JSON value stays within a nesting depth and a count of values, measured without
 * recursion: a value nested thousands deep must be refused, not crash whoever walks it next (the
 * store's JSON.stringify, botbuilder's deep copies).
 */
export function withinJsonBounds(value: unknown, maxDepth: number, maxValues: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  let seen = 0;
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!;
    if (++seen > maxValues) return false;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) return false;
    for (const child of Array.isArray(current) ? current : Object.values(current)) pending.push({ value: child, depth: depth + 1 });
  }
  return true;
}
