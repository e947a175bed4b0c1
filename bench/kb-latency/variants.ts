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
