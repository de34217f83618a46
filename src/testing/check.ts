// Internal: the few helpers the conformance suite is written with. Framework-agnostic: a failed
// check throws an `Error` whose message says what was expected and what was found.
import fc from 'fast-check';
import type { DomainEvent } from '../kernel/events.js';
import type { IndexValue, Store, StoreDump } from '../ports/store.js';
import type { ConformanceCheck, StoreFactory, StoreFactoryOptions, StoreHandle } from './types.js';

/** Throws `conformance: <message>` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`conformance: ${message}`);
}

/** Renders data for a failure message: Dates as `Date(iso)`, so a string never passes for one. */
export function render(value: unknown): string {
  const seen = (v: unknown): unknown => {
    if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString()})`;
    if (Array.isArray(v)) return v.map(seen);
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, o[k] === undefined ? '(undefined)' : seen(o[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(seen(value));
}

/**
 * Where two pieces of stored data differ (`undefined` when they are the same): the same plain
 * objects with the same keys, arrays, `Date`s at the same instant, equal primitives. A `Date`
 * never equals its ISO string, and a key present with `undefined` differs from an absent one.
 */
export function difference(actual: unknown, expected: unknown, path = '$'): string | undefined {
  if (expected instanceof Date || actual instanceof Date) {
    if (!(expected instanceof Date) || !(actual instanceof Date)) return `${path}: a Date on one side only`;
    return actual.getTime() === expected.getTime() ? undefined : `${path}: another instant`;
  }
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return `${path}: an array on one side only`;
    if (actual.length !== expected.length) return `${path}: ${actual.length} items instead of ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = difference(actual[i], expected[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(e)])].sort();
    for (const k of keys) {
      if (!(k in a) || !(k in e)) return `${path}.${k}: present on one side only`;
      const d = difference(a[k], e[k], `${path}.${k}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${path}: ${render(actual)} instead of ${render(expected)}`;
}

/** Throws unless `actual` and `expected` are the same data (see `difference`). */
export function checkEqual(actual: unknown, expected: unknown, message: string): void {
  const d = difference(actual, expected);
  if (d !== undefined) {
    throw new Error(
      `conformance: ${message}\n  at ${d}\n  expected: ${render(expected)}\n  actual:   ${render(actual)}`,
    );
  }
}

/**
 * A dump as the suite compares it: empty tables left out (an adapter may list every table or
 * only those it has touched) and each table's rows in a fixed order (storage order is free).
 */
export function normalizeDump(dump: StoreDump): StoreDump {
  const tables: Record<string, readonly unknown[]> = {};
  for (const name of Object.keys(dump.tables).sort()) {
    const rows = dump.tables[name]!;
    if (rows.length > 0) tables[name] = [...rows].sort((a, b) => compareText(render(a), render(b)));
  }
  return { tables, events: dump.events };
}

/** Throws unless two dumps hold the same rows and events (see `normalizeDump`). */
export function checkSameDump(actual: StoreDump, expected: StoreDump, message: string): void {
  checkEqual(normalizeDump(actual), normalizeDump(expected), message);
}

/** Resolves when `promise` rejects; throws when it resolves. */
export async function checkRejects(promise: Promise<unknown>, message: string): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error(`conformance: ${message} (it resolved)`);
}

/**
 * `fc.assert`, with the failing check's own message first: fast-check keeps it in `cause`, which
 * not every test runner prints.
 */
export async function assertProperty<Ts>(
  property: fc.IAsyncPropertyWithHooks<Ts>,
  params: fc.Parameters<Ts>,
): Promise<void> {
  try {
    await fc.assert(property, params);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : undefined;
    throw new Error(cause === undefined ? message : `${cause}\n${message}`, { cause: e });
  }
}

/** Lets every other pending task run: a macrotask turn, so timers and I/O callbacks get a go. */
export const yieldNow = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Every committed event of a store, in `seq` order. */
export async function allEvents(store: Store): Promise<DomainEvent[]> {
  const out: DomainEvent[] = [];
  for (;;) {
    const page = await store.readEvents({ after: out.at(-1)?.seq ?? 0, limit: 10_000 });
    out.push(...page);
    if (page.length < 10_000) return out;
  }
}

/** Runs `body` on a fresh handle from `factory` and closes the handle after, whatever happens. */
export async function withHandle<T>(
  factory: StoreFactory,
  body: (handle: StoreHandle) => Promise<T>,
  options?: StoreFactoryOptions,
): Promise<T> {
  const handle = await factory(options);
  try {
    return await body(handle);
  } finally {
    await handle.close();
  }
}

/** A named check that runs `body` on a fresh handle. */
export function handleCheck(
  factory: StoreFactory,
  name: string,
  body: (handle: StoreHandle) => Promise<void>,
): ConformanceCheck {
  return { name, run: () => withHandle(factory, body) };
}

/** Strings compare by Unicode code point (UTF-8 byte order), as the port says; not by UTF-16 unit. */
export function compareText(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length - y.length < 0 ? -1 : x.length === y.length ? 0 : 1;
}

/** Index values compare as numbers or by code point. */
export function compareValue(a: IndexValue, b: IndexValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return compareText(String(a), String(b));
}

/** Tuples compare value by value; a tuple sorts before a longer one it is a prefix of. */
export function compareTuple(a: readonly IndexValue[], b: readonly IndexValue[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = compareValue(a[i]!, b[i]!);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** A watchdog: rejects with `message` if `promise` has not settled after `ms` (a hang, not a slow machine). */
export async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`conformance: ${message}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
