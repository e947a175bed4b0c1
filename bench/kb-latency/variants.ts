import { rng } from "../kb-quality/queries.js";

/**
 * The generated variants that take bench/kb-latency to 100,000 entries: a dataset question with a
 * prefix, two words swapped and a place. Shared by the HTTP bench (index.ts) and the in-process
 * driver (in-process.ts) so both search the same index.
 */
const prefixes = [
  "Cho tôi hỏi",
  "Xin hỏi",
  "Tôi muốn biết",
  "Nhờ tư vấn giúp",
  "Em hỏi chút",
  "Cho em hỏi là",
  "Bác sĩ ơi",
];
const places = [
  "ở Thanh Hóa",
  "tại Sầm Sơn",
  "ở huyện Quảng Xương",
  "tại phường Đông Vệ",
  "ở Nghi Sơn",
  "tại Bỉm Sơn",
  "",
];

/** A variant of `question`, drawing from `random` (seeded by the caller) in a fixed order. */
export function variantQuestion(question: string, random: () => number): string {
  const pick = <T>(a: T[]) => a[Math.floor(random() * a.length)] as T;
  const words = question.split(/\s+/);
  const a = Math.floor(random() * words.length);
  const b = Math.floor(random() * words.length);
  [words[a], words[b]] = [words[b] as string, words[a] as string];
  return `${pick(prefixes)} ${words.join(" ")} ${pick(places)}`.trim();
}

/**
 * The variants that take `rows` to `target` entries, drawn as every kb bench draws them (seeded 42:
 * a source row, then its variant), each with the row it was made from and its position `n`.
 */
export function* variantsOf<T extends { question: string }>(
  rows: readonly T[],
  target: number,
): Generator<{ src: T; question: string; n: number }> {
  const random = rng(42);
  for (let n = rows.length; n < target; n++) {
    const src = rows[Math.floor(random() * rows.length)] as T;
    yield { src, question: variantQuestion(src.question, random), n };
  }
}
