import { type KbStatus, kbStatuses } from "../../../shared/schemas/kb.js";

/**
 * Which Q&A entries a search may return (R-HA1, R-KB1; Art. 12 for the portal): one rule, read two
 * ways. `acceptsEntry` is the rule over an entry's metadata; `facetOf` and `maskOf` encode the same
 * rule as an integer per entry and a mask per search, so the index decides most candidates from a
 * typed array without reading the entry's object (issue 16: ~23 % of a search's CPU went there).
 * The property test checks the two never disagree.
 */
export interface FilterEntry {
  status: KbStatus;
  fieldId: number | null;
  /** Effective from / until (ms); -Infinity / Infinity when open. */
  from: number;
  until: number;
}

export interface KbFilter {
  statuses: ReadonlySet<KbStatus>;
  /** Only this field's entries; undefined for every field. */
  fieldId?: number;
  /** Expired and not-yet-effective entries are not suggested unless asked for (R-KB1). */
  includeExpired: boolean;
  /** The instant "in force" is judged at (ms). */
  now: number;
}

export function acceptsEntry(filter: KbFilter, e: FilterEntry): boolean {
  return (
    filter.statuses.has(e.status) &&
    (filter.fieldId === undefined || e.fieldId === filter.fieldId) &&
    (filter.includeExpired || (e.from <= filter.now && filter.now < e.until))
  );
}

// The facet: one bit per status (bits 0–3), CHECK (bit 7), the field id + 1 above (0: no field).
const STATUS_BITS = (1 << kbStatuses.length) - 1;
const statusBit = (s: KbStatus) => 1 << kbStatuses.indexOf(s);
/**
 * The facet does not carry everything the rule reads: the entry has a validity period (its answer
 * depends on the time of the search) or a field id the facet cannot hold. Such entries are decided
 * by `acceptsEntry`; they are few.
 */
export const FACET_CHECK = 1 << 7;
const FIELD_SHIFT = 8;
const MAX_FIELD = 2 ** (31 - FIELD_SHIFT) - 2;
const fieldBits = (id: number | null) =>
  id === null ? 0 : Number.isInteger(id) && id >= 0 && id <= MAX_FIELD ? (id + 1) << FIELD_SHIFT : -1;

export function facetOf(e: FilterEntry): number {
  const field = fieldBits(e.fieldId);
  const bounded = e.from !== Number.NEGATIVE_INFINITY || e.until !== Number.POSITIVE_INFINITY;
  const check = bounded || field < 0 ? FACET_CHECK : 0;
  return statusBit(e.status) | check | Math.max(field, 0);
}

/**
 * A search's test: an entry is accepted when `(facet & mask) === want`; when not and its facet has
 * a bit of `ask`, `acceptsEntry` decides. The mask holds the statuses not wanted (each entry has
 * exactly one status bit), the field when one is asked for, and CHECK, which `want` never has.
 */
export function maskOf(filter: KbFilter): { mask: number; want: number; ask: number } {
  let allowed = 0;
  for (const s of filter.statuses) allowed |= statusBit(s);
  const field = filter.fieldId === undefined ? 0 : fieldBits(filter.fieldId);
  const fieldMask = filter.fieldId === undefined ? 0 : -1 << FIELD_SHIFT;
  const mask = (STATUS_BITS & ~allowed) | FACET_CHECK | fieldMask;
  // A field id no facet can hold: no facet equals -1 (bits 4–6 are never set), so only CHECK
  // entries can match, and acceptsEntry decides them.
  return { mask, want: field < 0 ? -1 : field, ask: FACET_CHECK };
}
