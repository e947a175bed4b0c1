/**
 * Vietnamese text folding, the one normaliser of every search (R-HA1: accent-insensitive): the
 * Q&A search on the server and every picker or list search box in the console. Lowercase, tone and
 * vowel marks stripped (NFD), đ/Đ → d, which NFD decomposition alone does not do. Pure.
 */
const combiningMarks = /[\u0300-\u036f]/g;

/** NFC-safe fold: lowercase, strip tone and vowel marks, đ → d. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(combiningMarks, "").replace(/[đĐ]/g, "d").toLowerCase();
}

/** Whether `text` contains what was typed, both folded and with runs of spaces collapsed ("y te" finds "Sở Y tế"). */
export function matchesFolded(typed: string, text: string): boolean {
  const squash = (s: string) => fold(s).replace(/\s+/g, " ").trim();
  return squash(text).includes(squash(typed));
}
