// The portfolio's order and cursor (POR-01): pure functions, no store.

/** Where an authorization sits in a portfolio: its end (ms), then its id. */
export interface PortfolioKey {
  readonly end: number;
  readonly codeId: string;
}

/**
 * The portfolio's order (POR-01): soonest end first, ties by authorization id (by code point).
 *
 * @example
 * ```ts
 * import { comparePortfolioKeys } from 'tiktok-ad-auth';
 * [{ end: 2, codeId: 'b' }, { end: 1, codeId: 'z' }].sort(comparePortfolioKeys); // end 1 first
 * ```
 */
export function comparePortfolioKeys(a: PortfolioKey, b: PortfolioKey): number {
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  return a.codeId < b.codeId ? -1 : a.codeId > b.codeId ? 1 : 0;
}

const PREFIX = 'p1.';
const toBase64Url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * The opaque cursor of the page after `key` (its end and id).
 *
 * @example
 * ```ts
 * const cursor = encodePortfolioCursor({ end: Date.UTC(2026, 2, 1), codeId: 'code_1' });
 * ```
 */
export function encodePortfolioCursor(key: PortfolioKey): string {
  return PREFIX + toBase64Url(`${key.end}|${key.codeId}`);
}

/**
 * The key a cursor stands for, or `undefined` when the text is not a cursor of ours.
 *
 * @example
 * ```ts
 * decodePortfolioCursor(encodePortfolioCursor({ end: 5, codeId: 'c' })); // { end: 5, codeId: 'c' }
 * ```
 */
export function decodePortfolioCursor(cursor: string): PortfolioKey | undefined {
  if (!cursor.startsWith(PREFIX)) return undefined;
  const body = cursor.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]*$/.test(body)) return undefined;
  let text: string;
  try {
    text = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
  const bar = text.indexOf('|');
  const endText = text.slice(0, bar);
  const codeId = text.slice(bar + 1);
  if (bar < 1 || !/^-?\d{1,16}$/.test(endText) || !/^[\x21-\x7e]{1,128}$/.test(codeId)) return undefined;
  const end = Number(endText);
  return Number.isSafeInteger(end) ? { end, codeId } : undefined;
}
