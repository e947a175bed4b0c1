import { publicAnswersQuery } from "../../../shared/schemas/requests.js";
import type { AnswersQuery } from "./portal-reads.js";

/** The date filters of /hoi-dap, by name, with the label the form shows. */
export const DATE_FILTERS = { from: "Từ ngày", to: "Đến ngày" } as const;
export type DateFilter = keyof typeof DATE_FILTERS;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** As Vietnamese write a date: day/month/year, the year in full; ASCII digits only. */
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A date typed in the /hoi-dap form (dd/mm/yyyy, as Vietnamese write it, whatever the browser's
 * locale) or carried by a link (yyyy-mm-dd, the query's contract): the yyyy-mm-dd it names, or
 * undefined when it is no day of the calendar (31/02/2026, 2026-13-01, 1/1/26).
 */
export function filterDate(raw: string): string | undefined {
  const text = raw.trim();
  if (text.length > 10) return undefined;
  const iso = ISO.exec(text);
  const dmy = iso ? undefined : DMY.exec(text);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]].map(Number)
    : dmy
      ? [dmy[3], dmy[2], dmy[1]].map(Number)
      : [];
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** The dates given that are no day of the calendar, each as typed (to be shown back, never used). */
export type InvalidDates = Partial<Record<DateFilter, string>>;

/** How much of a rejected date is shown back: enough to correct a typo, not a hand-edited link's 2 kB. */
export const SHOWN_BACK = 30;

/** The search box's limit (its maxlength; the query's contract, publicAnswersQuery). */
export const SEARCH_MAX = 200;

/**
 * A search text over SEARCH_MAX (a pasted or hand-edited link: the box stops typing there) cut to
 * it, as search engines do, rather than refused: at the last space within the limit when there is
 * one (no half word searched), never inside a surrogate pair. Undefined when it fits.
 */
export function cutSearch(raw: string): string | undefined {
  const text = raw.trim();
  if (text.length <= SEARCH_MAX) return undefined;
  let end = SEARCH_MAX;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  const space = /\s/.test(text.charAt(end)) ? end : text.slice(0, end).search(/\s\S*$/);
  return text.slice(0, space > 0 ? space : end).trim();
}

/**
 * The /hoi-dap query string read for the page: the dates in either form become yyyy-mm-dd; a date
 * that is no day (`invalid`, with its text, so the page says so and shows it back to correct), and
 * any other malformed filter (a hand-edited link), is dropped on its own — the other filters, and
 * the search text shown back, are kept. A search text over the box's limit is cut to it (`cut`: the
 * page says so at the field) instead of being dropped without a word.
 */
export function answersFilterOf(input: Record<string, unknown>): {
  query: AnswersQuery;
  invalid: InvalidDates;
  cut: boolean;
} {
  const raw = { ...input };
  const invalid: InvalidDates = {};
  const cut = typeof raw.q === "string" ? cutSearch(raw.q) : undefined;
  if (cut !== undefined) raw.q = cut;
  for (const name of Object.keys(DATE_FILTERS) as DateFilter[]) {
    const value = raw[name];
    if (typeof value !== "string" || value.trim() === "") continue;
    const date = filterDate(value);
    if (date) raw[name] = date;
    else {
      invalid[name] = [...value.trim()].slice(0, SHOWN_BACK).join("");
      delete raw[name];
    }
  }
  let parsed = publicAnswersQuery.safeParse(raw);
  if (!parsed.success) {
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
    parsed = publicAnswersQuery.safeParse(
      Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))),
    );
  }
  return { query: parsed.success ? parsed.data : { page: 1, pageSize: 20 }, invalid, cut: cut !== undefined };
}
