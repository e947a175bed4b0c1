import { expect } from "vitest";
import { phraseAt } from "./colloquial.js";
import { analyzeQuery } from "./query.js";
import { defaultIndexOptions, type IndexOptions, SearchIndex } from "./search-index.js";

/** An entry of a small test base, known by its key. */
export interface KeyedEntry {
  key: string;
  question: string;
  answer?: string;
}

/** A search index over a test base; an entry written without an answer gets a neutral one. */
export function keyedIndex(
  entries: readonly KeyedEntry[],
  options: IndexOptions = defaultIndexOptions,
): SearchIndex<{ key: string }> {
  const index = new SearchIndex<{ key: string }>(options);
  for (const e of entries)
    index.upsert({ answer: "Theo hướng dẫn của Bộ Y tế.", ...e, meta: { key: e.key } });
  return index;
}

/** The keys of the `n` best entries for a query, best first. */
export const topKeys = (index: SearchIndex<{ key: string }>, query: string, n = 1): string[] =>
  index.search(analyzeQuery(query, index), n, () => true).map((h) => h.key);

/** The best entry's key for a query, over a test base indexed with these options. */
export const topKey = (
  entries: readonly KeyedEntry[],
  query: string,
  options: IndexOptions = defaultIndexOptions,
): string | undefined => topKeys(keyedIndex(entries, options), query, 3)[0];

/** Each folded phrase is read as the base's words (the longest phrase at the start: "covid mất" holds "covid"). */
export function expectReadings(readings: Record<string, string[]>): void {
  for (const [text, want] of Object.entries(readings))
    expect(
      phraseAt(text.split(" "), 0)
        .at(-1)
        ?.alternatives.map((a) => a.join(" ")),
      text,
    ).toEqual(want);
}

/** Each folded phrase is left as typed: no colloquial reading starts at its first word. */
export function expectLeftAsTyped(phrases: readonly string[]): void {
  for (const typed of phrases) expect(phraseAt(typed.split(" "), 0), typed).toEqual([]);
}

/** Each query, its entry, and a distractor that shares the words typed but not the meaning. */
export function expectRetrievals(cases: [string, string, string, string][]): void {
  for (const [query, answer, distractor, key] of cases) {
    const idx = keyedIndex([
      { key, question: answer },
      { key: "distractor", question: distractor },
    ]);
    expect(topKeys(idx, query)[0], query).toBe(key);
  }
}
