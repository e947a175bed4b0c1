/**
 * Vietnamese phone numbers in one form, +84 followed by the national number without its leading
 * 0, so 0912 345 678, +84 912 345 678 and 84912345678 are the same person (issue 2).
 * Returns null for anything that is not a plausible Vietnamese number.
 */
export function normalizePhone(input: string | null | undefined): string | null {
  if (!input) return null;
  // NFKC: fullwidth digits and plus sign (an IME, a pasted document) are the same number.
  const digits = input.normalize("NFKC").replace(/[\s.()-]/g, "");
  let national: string;
  if (/^\+84\d+$/.test(digits)) national = digits.slice(3);
  else if (/^0084\d+$/.test(digits)) national = digits.slice(4);
  else if (/^84\d{9,10}$/.test(digits)) national = digits.slice(2);
  else if (/^0\d+$/.test(digits)) national = digits.slice(1);
  else return null;
  if (national.startsWith("0")) national = national.slice(1);
  // Mobile numbers have 9 national digits; landlines (02xx) have 10.
  if (!/^[1-9]\d{8,9}$/.test(national)) return null;
  return `+84${national}`;
}

/** The familiar national form for staff screens: +84912345678 → 0912345678. */
export function displayPhone(normalized: string | null): string | null {
  if (!normalized) return null;
  return normalized.startsWith("+84") ? `0${normalized.slice(3)}` : normalized;
}
