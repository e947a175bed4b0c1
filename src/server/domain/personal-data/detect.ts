import { fold, foldWithMap } from "./fold.js";
import type { Hit } from "./kinds.js";
import { findNames } from "./names.js";
import { digitStream, findInsuranceCards, findNumbers, findPlates } from "./numbers.js";
import { findAddresses, findEmails } from "./patterns.js";

/** The requester's own details: found in any writing, and never confirmed away. */
export interface Requester {
  fullName?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

export interface DetectOptions {
  /** Agencies' public numbers (landlines, hotlines) that are not personal data. */
  publicNumbers?: readonly string[];
}

/**
 * Every piece of personal data found in `text`, in order: phone numbers, emails, ID and insurance
 * numbers, number plates, house addresses, personal names, and the requester's own details. Pure;
 * never throws; spans index the text as given.
 */
export function detectPersonalData(text: string, who?: Requester | null, options: DetectOptions = {}): Hit[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const folded = foldWithMap(text);
  const found: Hit[] = [
    ...findNumbers(text, folded, options.publicNumbers),
    ...findEmails(text, folded),
    ...findPlates(text),
    ...findInsuranceCards(text),
    ...findAddresses(text, folded),
    ...findNames(text),
    ...(who ? ownDetails(text, who) : []),
  ];
  return resolve(found);
}

/** One hit per span: a hit inside another is dropped; the requester's own detail wins a tie. */
function resolve(hits: Hit[]): Hit[] {
  const sorted = [...hits].sort(
    (a, b) => a.start - b.start || b.end - a.end || Number(b.own ?? 0) - Number(a.own ?? 0),
  );
  const kept: Hit[] = [];
  for (const h of sorted) {
    const outer = kept.find((k) => k.start <= h.start && h.end <= k.end);
    if (outer) {
      // The requester's detail inside a hit of the same kind makes that hit theirs.
      if (h.own && outer.kind === h.kind) outer.own = true;
      continue;
    }
    kept.push({ ...h });
  }
  return kept.sort((a, b) => a.start - b.start);
}

const digitsOf = (s: string) => s.replace(/\D/g, "");

/** The requester's name, phone, email and address wherever they appear, however written. */
function ownDetails(text: string, who: Requester): Hit[] {
  const hits: Hit[] = [];
  const folded = foldWithMap(text);
  const lowered = folded.text;
  const addAll = (needle: string, kind: Hit["kind"]) => {
    const n = fold(needle).replace(/\s+/g, " ").trim();
    if (n.length === 0) return;
    const pattern = new RegExp(
      `(?<![a-z0-9])${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+")}(?![a-z0-9])`,
      "g",
    );
    for (const m of lowered.matchAll(pattern)) {
      const start = folded.map[m.index] ?? 0;
      const end = folded.map[m.index + m[0].length] ?? text.length;
      hits.push({ kind, start, end, text: text.slice(start, end), own: true });
    }
  };
  if (who.fullName && fold(who.fullName).trim().includes(" ")) addAll(who.fullName, "name");
  if (who.email) addAll(who.email, "email");
  if (who.address && fold(who.address).trim().length >= 8) addAll(who.address, "address");
  if (who.phone) {
    // The national number without its leading 0 or 84: found among all digits of the text,
    // written in any way ("Số không chín một hai 001021").
    const national = digitsOf(who.phone).replace(/^(84|0)/, "");
    if (national.length >= 9) {
      const stream = digitStream(text, folded);
      let from = stream.digits.indexOf(national);
      while (from >= 0) {
        const first = stream.spans[from];
        const last = stream.spans[from + national.length - 1];
        if (first && last) {
          // Take the 0 or 84 before it, when written.
          const lead = stream.digits.slice(Math.max(0, from - 2), from);
          const back = lead === "84" ? 2 : lead.endsWith("0") ? 1 : 0;
          const startSpan = stream.spans[from - back] ?? first;
          hits.push({
            kind: "phone",
            start: startSpan[0],
            end: last[1],
            text: text.slice(startSpan[0], last[1]),
            own: true,
          });
        }
        from = stream.digits.indexOf(national, from + 1);
      }
    }
  }
  return hits;
}
