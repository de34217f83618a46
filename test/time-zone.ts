// The time zone each project of vitest.config.ts runs in (design §10: the suite passes in UTC,
// America/New_York and Asia/Kolkata). A setup file of every zone project: before each test file
// it checks that the zone its project names is the one Date and Intl use, so that no file runs
// in another zone unnoticed (workers are reused across files).
import { afterAll, inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The IANA zone of the project (`provide` in vitest.config.ts). */
    timeZone: string;
  }
}

/** The offset `Date#getTimezoneOffset` gives in January in each zone, in minutes. */
export const OFFSET_IN_JANUARY: Readonly<Record<string, number>> = {
  UTC: 0,
  'America/New_York': 300,
  'Asia/Kolkata': -330,
};

/** Names ICU may resolve each zone to. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  UTC: ['UTC', 'Etc/UTC'],
  'America/New_York': ['America/New_York'],
  'Asia/Kolkata': ['Asia/Kolkata', 'Asia/Calcutta'],
};

/**
 * The problems with the zone in force, compared with the project's (none: all is well).
 *
 * @example
 * ```ts
 * expect(zoneProblems(inject('timeZone'))).toEqual([]);
 * ```
 */
export function zoneProblems(zone: string): string[] {
  const problems: string[] = [];
  if (!(zone in OFFSET_IN_JANUARY)) return [`unknown zone ${zone}`];
  if (process.env.TZ !== zone) problems.push(`TZ is ${process.env.TZ}, not ${zone}`);
  const offset = new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset();
  if (offset !== OFFSET_IN_JANUARY[zone]) problems.push(`Date uses offset ${offset}, not ${OFFSET_IN_JANUARY[zone]}`);
  const resolved = new Intl.DateTimeFormat('en-US').resolvedOptions().timeZone;
  if (!ALIASES[zone]!.includes(resolved)) problems.push(`Intl uses ${resolved}`);
  return problems;
}

const problems = zoneProblems(inject('timeZone'));
if (problems.length > 0) throw new Error(`time zone of the ${inject('timeZone')} project: ${problems.join('; ')}`);

// Workers run many files one after another (isolate: false), so a test that writes to a shared
// prototype breaks every later file of its worker. Name the file that did it instead.
afterAll(() => {
  const polluted = [Object.prototype, Array.prototype, Function.prototype].flatMap((proto) =>
    Object.getOwnPropertyNames(proto).filter((name) => Object.getOwnPropertyDescriptor(proto, name)?.enumerable),
  );
  if (polluted.length > 0) throw new Error(`this file left enumerable properties on a shared prototype: ${polluted}`);
});
