/**
 * Routing suggestions (issue 19): top-1 and top-3 accuracy on hand-written cases (cases.ts), next
 * to two baselines in the same run — the field's most frequent agency, and the suggestions without
 * places (field and history only) — plus the time per suggestion.
 *
 *   npm run bench:routing
 */
import { performance } from "node:perf_hooks";
import { loadSeedAgencies, loadSeedPlaces } from "../../src/server/db/seed/reference-data.js";
import { placeIndex, placesIn } from "../../src/server/domain/routing/places.js";
import {
  type PastForward,
  type RoutingAgency,
  suggestAgencies,
} from "../../src/server/domain/routing/suggest.js";
import { cases, history, type RoutingCase } from "./cases.js";

const index = placeIndex(await loadSeedPlaces());
const agencies: RoutingAgency[] = (await loadSeedAgencies()).map((a) => ({
  id: a.code,
  code: a.code,
  kind: a.kind,
}));
const known = new Set(agencies.map((a) => a.code));
for (const c of [...history, ...cases])
  if (!known.has(c.agency)) throw new Error(`unknown agency ${c.agency}`);

const placesOf = (c: RoutingCase) => {
  const inText = placesIn(c.text, index);
  return inText.length > 0 || !c.address ? inText : placesIn(c.address, index);
};
const past: PastForward[] = history.map((h) => ({
  agencyId: h.agency,
  fieldCode: h.field,
  placeCodes: placesOf(h).map((p) => p.code),
}));

type Method = (c: RoutingCase) => string[];
const mostFrequentInField: Method = (c) => {
  const counts = new Map<string, number>();
  for (const h of history.filter((x) => x.field === c.field))
    counts.set(h.agency, (counts.get(h.agency) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code]) => code);
};
const withoutPlaces: Method = (c) =>
  suggestAgencies({ fieldCode: c.field, places: [] }, past, agencies).map((s) => s.agencyId);
const full: Method = (c) =>
  suggestAgencies({ fieldCode: c.field, places: placesOf(c) }, past, agencies).map((s) => s.agencyId);

function score(name: string, method: Method) {
  let top1 = 0;
  let top3 = 0;
  const misses: string[] = [];
  const started = performance.now();
  for (const c of cases) {
    const ranked = method(c);
    if (ranked[0] === c.agency) top1++;
    if (ranked.slice(0, 3).includes(c.agency)) top3++;
    else if (method === full)
      misses.push(`  miss: ${c.agency} ← "${c.text}" (got ${ranked.slice(0, 3).join(", ") || "nothing"})`);
  }
  const ms = (performance.now() - started) / cases.length;
  const pct = (n: number) => `${((100 * n) / cases.length).toFixed(1)}%`.padStart(6);
  console.log(`${name.padEnd(36)} top-1 ${pct(top1)}  top-3 ${pct(top3)}  ${ms.toFixed(3)} ms/case`);
  return misses;
}

const placed = cases.filter((c) => placesOf(c).length > 0).length;
console.log(
  `routing suggestions: ${cases.length} hand-written cases (${placed} name a place), ${history.length} earlier forwards`,
);
score("baseline: field's most frequent", mostFrequentInField);
score("field + history, no places", withoutPlaces);
const misses = score("suggestions (field + places + history)", full);
for (const m of misses) console.log(m);
