/**
 * Internal: ids sorted by a numeric key, kept as one run per "class" (for codes: per period
 * length). Keys within a class mostly arrive in increasing order (expiry = now + period), so
 * inserts are appends; an out-of-order key is placed by binary search. A range query costs
 * O(classes × log n + answer).
 */
export class SortedRuns {
  private readonly runs = new Map<number, { keys: number[]; ids: string[] }>();

  insert(cls: number, key: number, id: string): void {
    let run = this.runs.get(cls);
    if (!run) this.runs.set(cls, (run = { keys: [], ids: [] }));
    const { keys, ids } = run;
    if (keys.length === 0 || keys[keys.length - 1]! <= key) {
      keys.push(key);
      ids.push(id);
      return;
    }
    const at = lowerBound(keys, key + 1);
    keys.splice(at, 0, key);
    ids.splice(at, 0, id);
  }

  /** Ids with `from <= key < to`, by key ascending. */
  range(from: number, to: number): string[] {
    const found: { key: number; id: string }[] = [];
    for (const { keys, ids } of this.runs.values()) {
      for (let i = lowerBound(keys, from); i < keys.length && keys[i]! < to; i++) found.push({ key: keys[i]!, id: ids[i]! });
    }
    found.sort((a, b) => a.key - b.key);
    return found.map((f) => f.id);
  }
}

function lowerBound(keys: readonly number[], key: number): number {
  let lo = 0, hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
