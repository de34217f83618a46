/**
 * Internal: deep copy of plain data (objects, arrays, Dates, primitives). The memory store
 * copies records on the way in and out so no caller can change stored state by mutating an
 * object it passed or received.
 */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(clone) as T;
  const out: Record<string, unknown> = {};
  // for…in over own plain-data objects is markedly faster than Object.keys in V8's hot path;
  // stored values are always plain objects created by this library (no inherited keys).
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    out[key] = v === null || typeof v !== 'object' ? v : clone(v);
  }
  return out as T;
}
