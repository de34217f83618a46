/**
 * Internal: ids sorted by a numeric key, kept as one run per "class" (for codes: per period
 * length). Keys within a class mostly arrive in increasing order (expiry = now + period), so
 * inserts are appends; an out-of-order key is placed by binary search. A range query costs
 * O(classes × log n + answer).
 */
export class SortedRuns<V = string> {
  private readonly runs = new Map<number, { keys: number[]; ids: V[] }>();

  insert(cls: number, key: number, id: V): void {
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

  /**
   * Ids with `from <= key < to`, by key ascending: a k-way merge of the runs' slices, so the
   * cost is linear in the answer (times the few classes), with no sort and no pair objects.
   */
  range(from: number, to: number): V[] {
    return this.collect(from, to, (v) => v);
  }

  /** `range(from, to)` mapped through `f` in the same pass, leaving out what `f` maps to `undefined`. */
  collect<R>(from: number, to: number, f: (v: V) => R | undefined): R[] {
    const slices: { keys: number[]; ids: V[]; at: number; end: number }[] = [];
    for (const { keys, ids } of this.runs.values()) {
      const at = lowerBound(keys, from);
      const end = lowerBound(keys, to);
      if (at < end) slices.push({ keys, ids, at, end });
    }
    const out: R[] = [];
    while (slices.length > 0) {
      let best = 0;
      for (let i = 1; i < slices.length; i++) if (slices[i]!.keys[slices[i]!.at]! < slices[best]!.keys[slices[best]!.at]!) best = i;
      const s = slices[best]!;
      const r = f(s.ids[s.at]!);
      if (r !== undefined) out.push(r);
      if (++s.at === s.end) slices.splice(best, 1);
    }
    return out;
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
