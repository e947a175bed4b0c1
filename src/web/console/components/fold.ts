/**
 * Vietnamese text folded for matching what staff type: lower case, without tone and vowel marks
 * (NFD, combining marks removed) and with đ as d, so "y te" finds "Y tế" and "so gd" finds "Sở GD".
 */
export function foldVietnamese(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

/** Whether `label` contains what was typed, both folded. */
export const matchesFolded = (typed: string, label: string): boolean =>
  foldVietnamese(label).includes(foldVietnamese(typed).trim());
