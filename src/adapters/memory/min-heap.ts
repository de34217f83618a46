/** Internal: a binary min-heap of (key, value) pairs, for "due before t" sweeps in O(log n). */
export class MinHeap<V> {
  private readonly keys: number[] = [];
  private readonly values: V[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, value: V): void {
    const k = this.keys, v = this.values;
    let i = k.length;
    k.push(key);
    v.push(value);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p]! <= key) break;
      k[i] = k[p]!; v[i] = v[p]!;
      i = p;
    }
    k[i] = key; v[i] = value;
  }

  peekKey(): number | undefined {
    return this.keys[0];
  }

  pop(): V | undefined {
    const k = this.keys, v = this.values;
    if (k.length === 0) return undefined;
    const top = v[0];
    const lastK = k.pop()!, lastV = v.pop()!;
    const n = k.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        let mk = lastK;
        if (l < n && k[l]! < mk) { m = l; mk = k[l]!; }
        if (r < n && k[r]! < mk) { m = r; mk = k[r]!; }
        if (m === i) break;
        k[i] = k[m]!; v[i] = v[m]!;
        i = m;
      }
      k[i] = lastK; v[i] = lastV;
    }
    return top;
  }
}
