import { type FoldedText, fold, originalSpan, wordsOf } from "./fold.js";
import type { Hit } from "./kinds.js";
import { strongFamilyNames, weakFamilyNames } from "./lexicon.js";

const AT = String.raw`(?:\s*@\s*|\s*[[({<]\s*(?:at|a cong|a moc|@)\s*[\])}>]\s*|\s+(?:at|a cong|a moc)\s+)`;
const DOT = String.raw`(?:\s*\.\s*|\s*[[({<]\s*(?:dot|cham)\s*[\])}>]\s*|\s+(?:dot|cham)\s+)`;
const TLD = "(?:com|vn|net|org|edu|gov|info|biz|io|me)";
const EMAIL = new RegExp(
  `(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]*${AT}[a-z0-9-]+(?:${DOT}[a-z0-9-]+)*${DOT}${TLD}(?![a-z0-9])`,
  "g",
);

/** A plain address: any top-level domain. */
const PLAIN_EMAIL =
  /(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12}(?![a-z0-9])/g;

/** Email addresses, also written to dodge filters: "an [at] gmail chấm com", "an (a còng) yahoo.com". */
export function findEmails(text: string, f: FoldedText): Hit[] {
  const hits: Hit[] = [];
  for (const m of [...f.text.matchAll(EMAIL), ...f.text.matchAll(PLAIN_EMAIL)]) {
    const span = originalSpan(f, m.index, m.index + m[0].length);
    hits.push({ kind: "email", ...span, text: text.slice(span.start, span.end) });
  }
  return hits;
}

/** A house number: "12", "12A", "27/3", "123/45/6", "12-14". */
const NUM = String.raw`\d{1,4}[a-z]?(?:\s*[/-]\s*\d{1,4}[a-z]?)*`;
const LANE = "(?:ngo|ngach|hem|kiet|duong|pho)";
/** Words after which a number is a count, a date or an article, not a house number. */
const NOT_HOUSE_BEFORE =
  /(?:^|\s)(?:nam|ngay|thang|dieu|khoan|diem|muc|chuong|luc|khoang|co|gom|tong|hon|tren|duoi|den|tu|va|hoac|lop|tuoi|lan|thu|dinh|tu|van|ca|khu vuc|quoc lo|ql|tinh lo|tl|toa|tang|phong|ban|xe)\s*$/;
const streetStarters = new Set(
  [
    ...strongFamilyNames,
    ...weakFamilyNames,
    "quang",
    "hai",
    "bà",
    "bà triệu",
    "hàm",
    "hàng",
    "tây",
    "đông",
    "lam",
  ].map(fold),
);

/**
 * House addresses: a house number with its street ("số 12 ngõ 34 đường Lê Lợi", "số nhà 8, ngõ 12
 * phố Hàng Than", "27/3 đường Bà Triệu", "45 Trần Hưng Đạo"). A street, ward or village without a
 * house number is a place, not a person's address.
 */
export function findAddresses(text: string, f: FoldedText): Hit[] {
  const hits: Hit[] = [];
  const anchors: Array<{ start: number; end: number }> = [];
  const add = (start: number, end: number) => anchors.push({ start, end });
  // "số nhà 8", "nhà số 9", "căn hộ 1203"
  for (const m of f.text.matchAll(
    new RegExp(String.raw`\b(?:so nha|nha so|can ho so|can ho)\s*:?\s*${NUM}`, "g"),
  )) {
    if (/toa\s*$/.test(f.text.slice(Math.max(0, m.index - 6), m.index))) continue;
    add(m.index, m.index + m[0].length);
  }
  // "số 12 ngõ 34", "12 đường Lê Lợi", "7 ngõ Văn Chương"
  for (const m of f.text.matchAll(
    new RegExp(String.raw`(?<![\d/.,])(?:\bso\s+)?${NUM}(?=\s*,?\s*${LANE}\s+\S)`, "g"),
  )) {
    if (!/^so\s/.test(m[0]) && NOT_HOUSE_BEFORE.test(f.text.slice(Math.max(0, m.index - 12), m.index)))
      continue;
    add(m.index, m.index + m[0].length);
  }
  // "45 Trần Hưng Đạo", "số 3 Lê Lợi": a number, then a street named after a person
  for (const m of f.text.matchAll(new RegExp(String.raw`(?<![\d/.,:])(?:\bso\s+)?${NUM}(?=\s+[a-z])`, "g"))) {
    const numberText = m[0].replace(/^so\s+/, "");
    if (/^\d{4}$/.test(numberText) && Number(numberText) >= 1900 && Number(numberText) <= 2100) continue;
    if (!/^so\s/.test(m[0]) && NOT_HOUSE_BEFORE.test(f.text.slice(Math.max(0, m.index - 12), m.index)))
      continue;
    const after = originalSpan(f, m.index + m[0].length, m.index + m[0].length).start;
    const next = wordsOf(text.slice(after, after + 60));
    const [a, b] = next;
    if (!a || !b || a.shape !== "title" || b.shape !== "title") continue;
    if (
      !/^\s+$/.test(text.slice(after, after + a.start)) ||
      !/^\s+$/.test(text.slice(after + a.end, after + b.start))
    )
      continue;
    if (!streetStarters.has(a.folded)) continue;
    add(m.index, m.index + m[0].length);
  }
  for (const anchor of anchors) {
    const end = extendStreet(text, f, anchor.end);
    const span = originalSpan(f, anchor.start, end);
    hits.push({ kind: "address", ...span, text: text.slice(span.start, span.end) });
  }
  return hits;
}

/** From the house number on, the lanes and the street: ", ngõ 12 phố Hàng Than". */
function extendStreet(text: string, f: FoldedText, from: number): number {
  let at = from;
  for (let step = 0; step < 8; step++) {
    const rest = f.text.slice(at);
    const lane = new RegExp(String.raw`^\s*,?\s*${LANE}\s+(?:so\s+)?(${NUM})?`).exec(rest);
    if (lane) {
      at += lane[0].length;
      if (lane[1]) continue;
    }
    // Capitalised words of the street's name, up to four.
    const start = originalSpan(f, at, at).start;
    const words = wordsOf(text.slice(start, start + 80));
    let end = at;
    let count = 0;
    let cursor = start;
    for (const w of words) {
      const gap = text.slice(cursor, start + w.start);
      if (count >= 4 || !(count === 0 ? /^\s*$/ : /^\s+$/).test(gap) || w.shape !== "title") break;
      cursor = start + w.end;
      count++;
    }
    if (count > 0) {
      const originalEnd = cursor;
      end = f.map.findIndex((o) => o >= originalEnd);
      at = end < 0 ? f.text.length : end;
    }
    if (!lane && count === 0) break;
    if (count === 0 && lane && !lane[1]) break;
    if (!/^\s*,?\s*(?:ngo|ngach|hem|kiet|duong|pho)\s/.test(f.text.slice(at))) break;
  }
  return at;
}
