import { describe, expect, it } from "vitest";
import { analyzeQuery } from "./query.js";
import { type PostingSource, RelatedTerms } from "./related-terms.js";
import { SearchIndex } from "./search-index.js";

// Issue 16: related terms learned from the Q&A base itself, used as weighted query expansion.

/** A source over hand-written entries: question and answer as lists of terms. */
function source(
  entries: { q: string[]; a: string[] }[],
  dead: ReadonlySet<number> = new Set(),
): PostingSource {
  const vocab = [...new Set(entries.flatMap((e) => [...e.q, ...e.a]))];
  return {
    terms: vocab.length,
    slots: entries.length,
    termOf: (id) => vocab[id] as string,
    postings(id, visit) {
      const term = vocab[id] as string;
      entries.forEach((e, doc) => {
        const tq = e.q.filter((t) => t === term).length;
        const ta = e.a.filter((t) => t === term).length;
        if (!dead.has(doc) && tq + ta > 0) visit(doc, tq, ta);
      });
    },
  };
}

const filler = (n: number) => Array.from({ length: n }, (_, i) => ({ q: [`x${i}`], a: [`y${i}`] }));
const related = (table: RelatedTerms, src: PostingSource, term: string) => {
  const id = Array.from({ length: src.terms }, (_, i) => src.termOf(i)).indexOf(term);
  return table.of(id).map((r) => src.termOf(r.id));
};

describe("RelatedTerms.learn", () => {
  const entries = [
    { q: ["say_thai", "covid"], a: ["hu_thai"] },
    { q: ["say_thai", "tiem"], a: ["hu_thai"] },
    { q: ["say_thai"], a: ["hu_thai", "covid"] },
    ...filler(60),
  ];

  it("links a word of the answers to the question words it goes with", () => {
    const src = source(entries);
    const table = RelatedTerms.learn(src);
    expect(related(table, src, "hu_thai")).toEqual(["say_thai"]);
    expect(table.of(-1)).toEqual([]);
  });

  it("keeps no pair seen together once, and no target sharing a syllable with the source", () => {
    const src = source(entries);
    const table = RelatedTerms.learn(src);
    expect(related(table, src, "tiem")).toEqual([]);
    const shared = source([
      { q: ["thai"], a: ["say_thai"] },
      { q: ["thai"], a: ["say_thai"] },
      ...filler(60),
    ]);
    expect(related(RelatedTerms.learn(shared), shared, "say_thai")).toEqual([]);
  });

  it("leaves out terms found in too many entries and entries removed from the index", () => {
    const common = source(entries.map((e) => ({ q: [...e.q, "co"], a: [...e.a, "co"] })));
    expect(related(RelatedTerms.learn(common), common, "co")).toEqual([]);
    const removed = source(entries, new Set([0, 1]));
    expect(related(RelatedTerms.learn(removed), removed, "hu_thai")).toEqual([]);
    expect(RelatedTerms.learn(source([])).size).toBe(0);
  });
});

describe("query expansion with learned terms", () => {
  function index() {
    const idx = new SearchIndex<{ key: string }>();
    const questions = [
      "Kháng sinh có chữa covid không?",
      "Uống kháng sinh rồi tiêm được chứ?",
      "Kháng sinh dùng sao?",
    ];
    for (const [i, question] of questions.entries())
      idx.upsert({
        key: `ks-${i}`,
        question,
        answer: "Trụ sinh không diệt virus.",
        meta: { key: `ks-${i}` },
      });
    for (let i = 0; i < 60; i++)
      idx.upsert({
        key: `k${i}`,
        question: `câu hỏi số ${i} về việc khác`,
        answer: "trả lời",
        meta: { key: `k${i}` },
      });
    return idx;
  }

  it("adds related terms below what was typed, marked as not typed, only when turned on", () => {
    const idx = index();
    expect(idx.related("tru_sinh").map((r) => r.term)).toContain("khang_sinh");
    expect(analyzeQuery("trụ sinh", idx).some((t) => t.extra)).toBe(false);
    const terms = analyzeQuery("trụ sinh", idx, { weight: 0.5, max: 4 });
    const added = terms.find((t) => t.term === "khang_sinh");
    expect(added?.extra).toBe(true);
    expect(added?.weight).toBeLessThanOrEqual(0.5);
    // Added terms score, but the share of the query found stays that of what was typed ("sinh", not "tru").
    const [hit] = idx.search(terms, 1, () => true);
    expect(hit?.key).toMatch(/^ks-/);
    expect(hit?.coverage).toBe(0.5);
  });

  it("learns again once enough entries changed (a tenth, at least 200)", () => {
    const idx = index();
    expect(idx.related("tru_sinh").length).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) idx.remove(`ks-${i}`);
    // Three changes: the table is kept until the rule says it is stale.
    expect(idx.related("tru_sinh").length).toBeGreaterThan(0);
    for (let i = 0; i < 200; i++)
      idx.upsert({ key: `n${i}`, question: "mới", answer: "x", meta: { key: `n${i}` } });
    expect(idx.related("tru_sinh")).toEqual([]);
  });
});
