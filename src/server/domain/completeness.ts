import type { CompletenessIssue } from "../../shared/schemas/requests.js";
import { normalizePhone } from "./phone.js";

/** Letters only Vietnamese uses among Latin scripts (and the tone marks it puts on vowels). */
const vietnameseLetters = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
/** Common unaccented Vietnamese syllables, for people who type without diacritics. */
const commonSyllables = new Set(
  "toi ban cho khong ko co duoc dc la va cua the nao gi o tai ve em anh chi xin hoi can lam bi nguoi nha xa phuong tinh huyen thi di den tu khi nay roi mot nhung cac vi sao bao lau tiem vac xin cach ly test xet nghiem benh vien y te dich".split(
    " ",
  ),
);

/** Shorter than this, content rarely states a request clearly enough to act on (Art. 7.3). */
export const MIN_CONTENT_WORDS = 4;

export function looksVietnamese(text: string): boolean {
  // First the one regular expression that settles most texts: a Vietnamese letter is a word's letter.
  if (vietnameseLetters.test(text)) return true;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length === 0) return false;
  const known = words.filter((w) => commonSyllables.has(w)).length;
  return known / words.length >= 0.3;
}

/**
 * What the operator should ask about (Art. 7, R-IN3, Art. 14.6). Staff may still save the request;
 * the list travels with it until fixed.
 */
export function completenessOf(r: {
  fullName?: string | null;
  address?: string | null;
  phone?: string | null;
  content: string;
  fieldId?: number | null;
}): CompletenessIssue[] {
  const issues: CompletenessIssue[] = [];
  if (!r.fullName?.trim()) issues.push("missing_name");
  if (!r.address?.trim()) issues.push("missing_address");
  if (!r.phone?.trim()) issues.push("missing_phone");
  else if (!normalizePhone(r.phone)) issues.push("invalid_phone");
  if (!looksVietnamese(r.content)) issues.push("not_vietnamese");
  const words = r.content.trim().split(/\s+/).filter(Boolean).length;
  if (words < MIN_CONTENT_WORDS) issues.push("content_too_short");
  if (r.fieldId == null) issues.push("missing_field");
  return issues;
}
