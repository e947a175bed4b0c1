import { type FoldedText, originalSpan } from "./fold.js";
import type { Hit, PersonalDataKind } from "./kinds.js";
import { bareDigitWords, digitWords, publicHotlines } from "./lexicon.js";

/** A number written in digits or a Vietnamese digit word, in the folded text. */
interface Item {
  digits: string;
  start: number;
  end: number;
}

/** "mươi" reads as 0 at the end of a number ("ba mươi" 30) and as nothing before a unit ("ba mươi hai" 32). */
const TENS = new Set(["muoi"]);

/**
 * Runs of numbers that read as one: digit groups and digit words joined by spaces, dots, dashes,
 * commas or brackets ("0912.345.678", "(0237) 3852 123", "không chín một hai 001021").
 */
function runsOf(text: string, f: FoldedText): Item[][] {
  const runs: Item[][] = [];
  let run: Item[] = [];
  let lastEnd = -1;
  const close = () => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const m of f.text.matchAll(/\d+|[a-z]+/g)) {
    const start = m.index;
    const end = start + m[0].length;
    let digits: string | undefined;
    if (/^\d/.test(m[0])) {
      digits = m[0];
    } else {
      const span = originalSpan(f, start, end);
      const written = text.slice(span.start, span.end).normalize("NFC").toLowerCase();
      digits = digitWords[written] ?? (written === m[0] ? bareDigitWords[m[0]] : undefined);
      if (digits === undefined && TENS.has(m[0])) digits = "";
    }
    const gap = lastEnd < 0 ? "" : f.text.slice(lastEnd, start);
    if (digits === undefined) {
      close();
      lastEnd = -1;
      continue;
    }
    if (run.length > 0 && !/^[\s.,\-()+]{0,4}$/.test(gap)) close();
    run.push({ digits, start, end });
    lastEnd = end;
  }
  close();
  // "mươi" is 0 only when no unit digit word follows it.
  for (const r of runs) {
    r.forEach((item, k) => {
      if (item.digits === "" && !(r[k + 1] && r[k + 1]?.digits.length === 1)) item.digits = "0";
    });
  }
  return runs;
}

const MOBILE = /^(?:0|84|840)(?:[35789]\d{8}|1[2689]\d{8})$/;
const LANDLINE = /^(?:0|84)2\d{9}$/;
/** CCCD: province code 001–096, then century and sex 0–3, then 8 digits. */
const CCCD = /^0(?:0[1-9]|[1-8]\d|9[0-6])[0-3]\d{8}$/;
const ID_BEFORE =
  /(cmnd|cmtnd|cccd|chung minh|can cuoc|dinh danh|giay to tuy than|so cm\b|ho chieu)[^.!?\n]{0,40}$/;
const ID_AFTER = /^[\s,.;:)]*(cap ngay|ngay cap|cap tai|noi cap)/;
const INSURANCE_BEFORE =
  /(bhxh|bao hiem xa hoi|bhyt|bao hiem y te)[^.!?\n]{0,40}$|(ma so|ma|so so|so the)\s*(bhxh|bao hiem xa hoi|bhyt)[^.!?\n]{0,10}$/;
const INSURANCE_CODE_BEFORE = /(ma so|ma|so so|so the)[^.!?\n]{0,30}$/;

const HOTLINE_BEFORE = /(?:hotline|duong day nong|tong dai)([^.!?\n]{0,25})$/;
const PERSONAL_BETWEEN = /\b(?:toi|em|minh|nha|rieng|ca nhan|anh|chi|ong|ba|chau|con|vo|chong|me|bo|lai)\b/;

function classify(
  digits: string,
  before: string,
  after: string,
  publicNumbers: Set<string>,
): PersonalDataKind | null {
  if (publicNumbers.has(digits)) return null;
  // A number stated as a hotline ("gọi đến hotline 028 7300 6595", "Đường dây nóng: …") is an
  // organisation's public number, unless someone's own is said between ("tổng đài … số của tôi …").
  const cue = HOTLINE_BEFORE.exec(before);
  if (cue && !PERSONAL_BETWEEN.test(cue[1] ?? "")) return null;
  if (digits.length === 10 && INSURANCE_BEFORE.test(before) && INSURANCE_CODE_BEFORE.test(before))
    return "insurance_id";
  if (MOBILE.test(digits) || LANDLINE.test(digits)) return "phone";
  const idContext = ID_BEFORE.test(before) || ID_AFTER.test(after);
  if (digits.length === 12 && (CCCD.test(digits) || idContext)) return "national_id";
  if (digits.length === 9 && idContext) return "national_id";
  return null;
}

/**
 * Phone numbers (mobile, landline, +84; in digits, in words or mixed), CCCD and CMND numbers and
 * social-insurance codes. Amounts, dates, years, decision numbers and hotlines do not read as one:
 * their digits never make a valid number of these shapes, or lack the context an ID number has.
 */
export function findNumbers(text: string, f: FoldedText, extraPublic: readonly string[] = []): Hit[] {
  const publicNumbers = new Set([...publicHotlines, ...extraPublic.map((n) => n.replace(/\D/g, ""))]);
  const hits: Hit[] = [];
  for (const run of runsOf(text, f)) {
    let i = 0;
    while (i < run.length) {
      let taken = false;
      for (let j = run.length - 1; j >= i; j--) {
        const first = run[i] as Item;
        const last = run[j] as Item;
        const digits = run
          .slice(i, j + 1)
          .map((x) => x.digits)
          .join("");
        if (digits.length < 9 || digits.length > 13) continue;
        // A group glued to letters ("H56", "DN438…") is part of a code, not a number.
        const glued =
          (/[a-z]/.test(f.text.charAt(first.start - 1)) && /\d/.test(f.text.charAt(first.start))) ||
          (/[a-z]/.test(f.text.charAt(last.end)) && /\d/.test(f.text.charAt(last.end - 1)));
        if (glued) continue;
        const before = f.text.slice(Math.max(0, first.start - 60), first.start);
        const kind = classify(digits, before, f.text.slice(last.end, last.end + 30), publicNumbers);
        if (!kind) continue;
        const plus = f.text.charAt(first.start - 1) === "+" ? 1 : 0;
        const span = originalSpan(f, first.start - plus, last.end);
        hits.push({ kind, ...span, text: text.slice(span.start, span.end) });
        i = j + 1;
        taken = true;
        break;
      }
      if (!taken) i++;
    }
  }
  return hits;
}

/** All digits of the text in reading order (digits and digit words), each with its span. */
export function digitStream(text: string, f: FoldedText): { digits: string; spans: Array<[number, number]> } {
  let digits = "";
  const spans: Array<[number, number]> = [];
  for (const run of runsOf(text, f)) {
    for (const item of run) {
      const span = originalSpan(f, item.start, item.end);
      for (const d of item.digits) {
        digits += d;
        spans.push([span.start, span.end]);
      }
    }
  }
  return { digits, spans };
}

/**
 * Vehicle number plates: "36A-123.45", "36A12345", "29-B1 123.45", "36LD-012.34". The series
 * letters are capitals as on the plate; in lower case only after "biển số", "BKS" or "xe".
 */
export function findPlates(text: string): Hit[] {
  const hits: Hit[] = [];
  const plate =
    /(?<![\p{L}\p{N}./-])([1-9]\d)[ -]?([a-z]{1,2}\d?)[ .-]?(\d{3}\.\d{2}|\d{4,5})(?![\p{L}\p{N}]|[.,]\d)/giu;
  for (const m of text.matchAll(plate)) {
    const series = m[2] ?? "";
    const upper = series === series.toUpperCase();
    const context = /(biển số|biển kiểm soát|bks|\bbs|\bxe)\s*[:-]?\s*$/iu.test(
      text.slice(Math.max(0, m.index - 25), m.index),
    );
    if (!upper && !context) continue;
    if (Number(m[1]) < 11) continue;
    hits.push({ kind: "plate", start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return hits;
}

/** Health-insurance card numbers: two letters, then 13 digits ("DN4383812345678"). */
export function findInsuranceCards(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])[A-Z]{2}\d{13}(?![\p{L}\p{N}])/gu)) {
    hits.push({ kind: "insurance_id", start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  // Passports: one letter and seven digits, when the text says it is a passport.
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])[A-Z]\d{7}(?![\p{L}\p{N}])/gu)) {
    if (/hộ chiếu|passport/iu.test(text.slice(Math.max(0, m.index - 30), m.index)))
      hits.push({ kind: "national_id", start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return hits;
}
