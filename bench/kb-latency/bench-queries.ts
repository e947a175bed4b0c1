import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { facetOf } from "../../src/server/domain/kb/search-filter.js";
import type { KbStatus } from "../../src/shared/schemas/kb.js";
import { makeQuery, querySets } from "../kb-quality/queries.js";
import { splitFile, type splits } from "../kb-quality/setup.js";

/** An entry of the 100,000-entry image: in force, in no field, its status all the filter reads. */
export type BenchMeta = { status: KbStatus };
export const facetOfBenchMeta = (m: BenchMeta) =>
  facetOf({
    status: m.status,
    fieldId: null,
    from: Number.NEGATIVE_INFINITY,
    until: Number.POSITIVE_INFINITY,
  });

/** bench/kb-latency's queries: one per test question in turn, each query set in turn. */
export const REQUESTS = 600;

/** A split of the dataset as parsed rows. */
export async function readSplit(split: (typeof splits)[number]): Promise<Record<string, string>[]> {
  return parse(await readFile(splitFile(split)), {
    delimiter: "|",
    columns: true,
    relax_quotes: true,
  }) as Record<string, string>[];
}

/** The REQUESTS queries typed into the staff search by bench/kb-latency, in its order. */
export async function benchQueries(): Promise<string[]> {
  const test = await readSplit("test");
  return Array.from({ length: REQUESTS }, (_, i) => {
    const r = test[i % test.length] as Record<string, string>;
    const q = makeQuery(querySets[i % querySets.length] ?? "a_no_diacritics", r.Question ?? "", i + 1);
    return q.replace(/\p{Cc}+/gu, " ");
  });
}
