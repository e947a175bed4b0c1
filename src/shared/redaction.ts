/**
 * Redaction of published text (Art. 12, 14.7; issue 13). The agency is responsible for the answer
 * the portal shows, so the published text is the recorded text itself; the only change allowed is
 * to replace spans that carry personal data by the redaction mark. One rule for the server (which
 * refuses anything else) and the console (which lets the agency click the spans to hide and shows
 * the result as a diff). Kept free of zod and of Node so the console can load it.
 */

/** What a redacted span becomes on the portal. */
export const REDACTION_MARK = "[…]";

/** A span of the original text, [start, end) in UTF-16 units of `normalizeText(original)`. */
export interface RedactedSpan {
  start: number;
  end: number;
  /** The original text of the span (what the redaction hid). */
  text: string;
}

/**
 * Line endings, the outer blanks a text field adds or drops, and the Unicode form of Vietnamese
 * diacritics (composed or not) never count as an edit.
 */
export function normalizeText(text: string): string {
  return text.normalize("NFC").replace(/\r\n?/g, "\n").trim();
}

/**
 * The spans of `original` that `published` replaces by REDACTION_MARK, or null when `published`
 * is not `original` with (non-empty) spans replaced by the mark: a rewording, an added word, a
 * deleted word (which can flip the meaning: "không") are all refused.
 *
 * `published` = p0 [mark] p1 [mark] … pn; p0 must open the original, pn end it, and every piece in
 * between come in order, each mark standing for at least one character. Taking each middle piece
 * at its first possible place leaves the most room for the rest, so this finds a match whenever
 * one exists.
 */
export function redactionsOf(original: string, published: string): RedactedSpan[] | null {
  const o = normalizeText(original);
  const pieces = normalizeText(published).split(REDACTION_MARK);
  const first = pieces[0] ?? "";
  const last = pieces[pieces.length - 1] ?? "";
  if (pieces.length === 1) return first === o ? [] : null;
  if (!o.startsWith(first)) return null;
  const spans: { start: number; end: number }[] = [];
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = o.indexOf(piece, at + 1);
    if (found < 0) return null;
    spans.push({ start: at, end: found });
    at = found + piece.length;
  }
  const lastStart = o.length - last.length;
  if (lastStart < at + 1 || !o.endsWith(last)) return null;
  spans.push({ start: at, end: lastStart });
  return spans.map((s) => ({ ...s, text: o.slice(s.start, s.end) }));
}

/** `original` with the given spans (merged where they touch) replaced by the mark. */
export function applyRedactions(original: string, spans: readonly { start: number; end: number }[]): string {
  const o = normalizeText(original);
  let out = "";
  let at = 0;
  for (const s of mergeSpans(o, spans)) {
    out += o.slice(at, s.start) + REDACTION_MARK;
    at = s.end;
  }
  return out + o.slice(at);
}

/**
 * Sorted, non-overlapping spans of the normalized text `o`; spans that touch or are apart by blanks
 * only become one ("Lê", "Thị", "Hoa" clicked one by one give one mark, not three).
 */
export function mergeSpans(
  o: string,
  spans: readonly { start: number; end: number }[],
): { start: number; end: number }[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev && (s.start <= prev.end || o.slice(prev.end, s.start).trim() === ""))
      prev.end = Math.max(prev.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** The original cut into kept and redacted parts, in order: what the console draws as a diff. */
export function redactionSegments(
  original: string,
  spans: readonly { start: number; end: number }[],
): { text: string; redacted: boolean }[] {
  const o = normalizeText(original);
  const out: { text: string; redacted: boolean }[] = [];
  let at = 0;
  for (const s of mergeSpans(o, spans)) {
    if (s.start > at) out.push({ text: o.slice(at, s.start), redacted: false });
    out.push({ text: o.slice(s.start, s.end), redacted: true });
    at = s.end;
  }
  if (at < o.length) out.push({ text: o.slice(at), redacted: false });
  return out;
}

/** Words and the blanks between them, with their spans: the console's click-to-redact units. */
export function wordSpans(original: string): { start: number; end: number; text: string; word: boolean }[] {
  const o = normalizeText(original);
  const out: { start: number; end: number; text: string; word: boolean }[] = [];
  for (const m of o.matchAll(/\s+|\S+/g)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], word: !/^\s/.test(m[0]) });
  }
  return out;
}
