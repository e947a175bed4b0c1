import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kbStatuses } from "../../../shared/schemas/kb.js";
import { acceptsEntry, type FilterEntry, facetOf, type KbFilter, maskOf } from "./search-filter.js";

/** What the index does with a facet and a search's mask (SearchIndex.search). */
function byFacet(filter: KbFilter, entry: FilterEntry): boolean {
  const { mask, want, ask } = maskOf(filter);
  const f = facetOf(entry);
  return f >= 0 && ((f & mask) === want || ((f & ask) !== 0 && acceptsEntry(filter, entry)));
}

const NOW = 1_780_000_000_000;
// Field ids around the small ones a base has, 0, and ones no facet can hold.
const fieldId = fc.oneof(
  fc.integer({ min: 0, max: 6 }),
  fc.constantFrom(2 ** 23 - 2, 2 ** 23 - 1, 2 ** 40, -1),
);
const instant = fc.oneof(
  fc.constantFrom(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, NOW),
  fc.integer({ min: -3, max: 3 }).map((d) => NOW + d),
);
const status = fc.constantFrom(...kbStatuses);
const entry: fc.Arbitrary<FilterEntry> = fc.record({
  status,
  fieldId: fc.option(fieldId, { nil: null }),
  from: instant,
  until: instant,
});
const filter: fc.Arbitrary<KbFilter> = fc.record({
  statuses: fc.uniqueArray(status).map((s) => new Set(s)),
  fieldId: fc.option(fieldId, { nil: undefined }),
  includeExpired: fc.boolean(),
  now: fc.integer({ min: -2, max: 2 }).map((d) => NOW + d),
});

describe("the Q&A search filter (issue 16: one rule, by metadata or by facet)", () => {
  it("the facet and the mask never disagree with the rule", () => {
    fc.assert(
      fc.property(filter, entry, (f, e) => byFacet(f, e) === acceptsEntry(f, e)),
      { numRuns: 20_000 },
    );
  });

  it("an entry in force with a representable field is decided by its facet alone", () => {
    fc.assert(
      fc.property(filter, status, fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }), (f, s, id) => {
        const e = { status: s, fieldId: id, from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY };
        const { mask, want } = maskOf(f);
        if (f.fieldId === undefined || f.fieldId <= 1000)
          expect((facetOf(e) & mask) === want).toBe(acceptsEntry(f, e));
      }),
    );
  });

  it("staff search's default: every status but archived, any field, in force", () => {
    const f: KbFilter = {
      statuses: new Set(["draft", "proposed", "published"]),
      includeExpired: false,
      now: NOW,
    };
    const open = { fieldId: 3, from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY };
    expect(byFacet(f, { ...open, status: "proposed" })).toBe(true);
    expect(byFacet(f, { ...open, status: "archived" })).toBe(false);
    expect(byFacet(f, { ...open, status: "published", until: NOW })).toBe(false);
    expect(byFacet({ ...f, includeExpired: true }, { ...open, status: "published", until: NOW })).toBe(true);
    expect(byFacet({ ...f, fieldId: 4 }, { ...open, status: "published" })).toBe(false);
  });
});
