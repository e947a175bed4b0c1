import { readFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "./setup.js";

/**
 * The realistic set (issue 16): queries written by hand the way citizens ask (short, paraphrased,
 * chat style, typos, long stories, regional words), each labelled with the dataset ids of every entry
 * that answers it. Only queries and ids are in the repository; the entries come from the dataset.
 */
export interface RealisticQuery {
  id: string;
  style: string;
  batch: number;
  query: string;
  relevant: number[];
}

export const realisticFile = path.join(repoRoot, "bench/kb-quality/realistic.jsonl");

export async function loadRealistic(): Promise<RealisticQuery[]> {
  const text = await readFile(realisticFile, "utf8");
  return text
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as RealisticQuery);
}

/** Rank (0-based) of the first relevant entry among the hits, -1 when none is in them. */
export function firstRelevant(hits: readonly (string | null)[], relevant: readonly number[]): number {
  const want = new Set(relevant.map(String));
  return hits.findIndex((h) => h !== null && want.has(h));
}

/** Rows of the report: overall, per batch, per style within each batch. */
export function groups(queries: readonly RealisticQuery[]): [string, number[]][] {
  const out = new Map<string, number[]>();
  const add = (k: string, i: number) => {
    const list = out.get(k) ?? [];
    list.push(i);
    out.set(k, list);
  };
  queries.forEach((q, i) => {
    add("all", i);
    add(`batch ${q.batch}`, i);
    add(`batch ${q.batch} · ${q.style}`, i);
  });
  return [...out].sort(([a], [b]) => (a === "all" ? -1 : b === "all" ? 1 : a.localeCompare(b)));
}
