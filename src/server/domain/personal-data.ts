import { AppError, type FieldError } from "../../shared/errors.js";
import { type ConfirmedHit, personalDataKindLabels } from "../../shared/personal-data.js";
import { fold } from "./personal-data/fold.js";
import { detectPersonalData, type Hit, type Requester } from "./personal-data/index.js";

export type { ConfirmedHit } from "../../shared/personal-data.js";
export { detectPersonalData, type Hit, type Requester } from "./personal-data/index.js";

export interface PersonalDataCheck {
  /** The field name of the texts when given as a list (default "text"; "text[1]" for the second of several). */
  field?: string;
  /** Findings the publisher confirmed are not personal data. */
  confirmed?: readonly ConfirmedHit[];
  /** Agencies' public numbers that are not personal data. */
  publicNumbers?: readonly string[];
}

/** A finding accepted because the publisher confirmed it; the caller records it with who did. */
export interface AcceptedHit {
  field: string;
  kind: Hit["kind"];
  start: number;
  end: number;
  text: string;
}

const same = (a: string, b: string) =>
  fold(a).replace(/\s+/g, " ").trim() === fold(b).replace(/\s+/g, " ").trim();

/**
 * Refuses public text that carries anyone's personal data (Art. 12, R-PU1; Personal Data
 * Protection Law 91/2025/QH15): AppError PERSONAL_DATA (400) with one detail per finding — field,
 * kind, span and text — unless the publisher confirmed it is not personal (the requester's own
 * details can never be confirmed). Returns the confirmed findings, for the caller to record.
 * `texts` is a list (fields named from `options.field`) or a record of field → text.
 */
export function assertNoPersonalData(
  texts: readonly string[] | Readonly<Record<string, string>>,
  who: Requester | null | undefined,
  options: PersonalDataCheck = {},
): AcceptedHit[] {
  const base = options.field ?? "text";
  const fields: Array<[string, string]> = Array.isArray(texts)
    ? texts.map((t, i) => [texts.length === 1 ? base : `${base}[${i}]`, t])
    : Object.entries(texts);
  const refused: FieldError[] = [];
  const accepted: AcceptedHit[] = [];
  for (const [field, text] of fields) {
    for (const hit of detectPersonalData(text, who, { publicNumbers: options.publicNumbers })) {
      const confirmed =
        !hit.own &&
        (options.confirmed ?? []).some(
          (c) =>
            c.kind === hit.kind && (c.field === undefined || c.field === field) && same(c.text, hit.text),
        );
      const found = { field, kind: hit.kind, start: hit.start, end: hit.end, text: hit.text };
      if (confirmed) accepted.push(found);
      else refused.push({ ...found, code: "personal_data", message: messageOf(hit) });
    }
  }
  if (refused.length > 0) {
    const kinds = [...new Set(refused.map((d) => personalDataKindLabels[d.kind as Hit["kind"]]))].join(", ");
    throw new AppError(
      "PERSONAL_DATA",
      `Nội dung công khai có ${refused.length} chỗ có thể là thông tin cá nhân (${kinds}). Vui lòng che (thay bằng […]) hoặc xác nhận từng chỗ không phải thông tin cá nhân.`,
      { details: refused },
    );
  }
  return accepted;
}

function messageOf(hit: Hit): string {
  const label = personalDataKindLabels[hit.kind];
  return hit.own
    ? `«${hit.text}» là ${label} của người gửi: phải che (thay bằng […]) trước khi công khai.`
    : `«${hit.text}» có thể là ${label}: che (thay bằng […]), hoặc xác nhận không phải thông tin cá nhân.`;
}
