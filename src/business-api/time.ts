// Times as the Business API writes them. The reference pages give "YYYY-MM-DD HH:MM:SS" in
// UTC+0 for `auth_start_time`, `auth_end_time` and `invite_start_time` ("2017-01-01 00:00:00",
// as transcribed in github.com/bububa/tiktok-business model/ttvideo/info.go). ISO 8601 in UTC
// ("2026-05-24T07:09:07Z") is read too: it is unambiguous, and a related endpoint
// (`identity/video/info`) has been seen answering in it. Anything else — another offset, a
// local time, unix seconds — is refused: the docs do not say how to read it.
// Computed with UTC fields only: the host's time zone never enters.

const DOCUMENTED = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

/**
 * Internal: the instant of a Business API time (`"2026-10-01 00:00:00"`, UTC, or ISO 8601 with
 * `Z`), or `undefined` when the text is not one (a wrong format, or a date that does not exist
 * such as February 30).
 *
 * @example
 * ```ts
 * parseApiTime('2026-10-01 00:00:00')?.toISOString(); // '2026-10-01T00:00:00.000Z'
 * parseApiTime('2026-02-30 00:00:00'); // undefined
 * ```
 */
export function parseApiTime(text: string): Date | undefined {
  const m = DOCUMENTED.exec(text) ?? ISO_UTC.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  if (year < 1) return undefined;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, ms);
  const same =
    at.getUTCFullYear() === year &&
    at.getUTCMonth() === month - 1 &&
    at.getUTCDate() === day &&
    at.getUTCHours() === hour &&
    at.getUTCMinutes() === minute &&
    at.getUTCSeconds() === second;
  return same ? at : undefined;
}
