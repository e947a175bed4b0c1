/**
 * Time on the wire and on screen. Agencies work in Asia/Ho_Chi_Minh, which is UTC+7 all year with
 * no daylight saving (R-HA6), so a fixed offset is exact and needs no time-zone database.
 */
export const VN_OFFSET_MINUTES = 420;
export const VN_OFFSET_MS = VN_OFFSET_MINUTES * 60_000;
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * An instant as ISO 8601 in Vietnam time, e.g. "2026-03-03T09:00:00+07:00". Milliseconds are
 * written only when there are some, so whole-minute deadlines read cleanly.
 */
export function formatVnIso(instant: Date): string {
  const local = new Date(instant.getTime() + VN_OFFSET_MS);
  const ms = local.getUTCMilliseconds();
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${ms ? `.${pad(ms, 3)}` : ""}+07:00`
  );
}

/**
 * `formatVnIso` of an instant that may not have happened yet (an optional timestamp column): null
 * stays null.
 */
export function formatVnIsoOrNull(instant: Date | null): string | null {
  return instant ? formatVnIso(instant) : null;
}

/** An instant in the words of a message, in Vietnam time: "14:30 ngày 02/03/2026". */
export function formatVnDateTime(instant: Date): string {
  const s = formatVnIso(instant);
  return `${s.slice(11, 16)} ngày ${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
}

/** The Vietnam calendar date of an instant, "YYYY-MM-DD". */
export function vnDateOf(instant: Date): string {
  return formatVnIso(instant).slice(0, 10);
}

const isoInstantPattern =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses an ISO 8601 date-time strictly (Date.parse accepts far too much). An offset or "Z" is
 * honoured; without one the time is read as Vietnam time, since every user of the API is there.
 * Returns null when the text is not a valid date-time.
 */
export function parseIsoInstant(text: string): Date | null {
  const m = isoInstantPattern.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s ? Number(s) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let offsetMinutes = VN_OFFSET_MINUTES;
  if (zone && zone.toUpperCase() === "Z") offsetMinutes = 0;
  else if (zone) {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 14 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  // Date.UTC maps years 0–99 to 1900–1999; no caller needs them, so refuse rather than surprise.
  if (year < 1000) return null;
  return new Date(utc);
}
