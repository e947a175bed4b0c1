import { describe, expect, it } from "vitest";
import { corpus } from "./corpus.fixture.js";
import { detectPersonalData } from "./detect.js";
import { type PersonalDataKind, personalDataKinds } from "./kinds.js";

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const precision = (t: Tally) => ratio(t.tp, t.tp + t.fp);
const recall = (t: Tally) => ratio(t.tp, t.tp + t.fn);

/**
 * The "must show": precision and recall of the detector on hand-written hotline
 * sentences, per kind and overall, counted per (sentence, kind) pair, and per sentence
 * (does it carry personal data at all).
 */
describe("personal-data detector on the hand-written corpus", () => {
  const perKind = new Map<PersonalDataKind, Tally>(
    personalDataKinds.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]),
  );
  const sentences: Tally = { tp: 0, fp: 0, fn: 0 };
  const misses: string[] = [];
  for (const [sentence, expected] of corpus) {
    const found = new Set(detectPersonalData(sentence).map((h) => h.kind));
    for (const kind of personalDataKinds) {
      const t = perKind.get(kind) as Tally;
      const want = expected.includes(kind);
      const got = found.has(kind);
      if (want && got) t.tp++;
      else if (got) {
        t.fp++;
        misses.push(`FP ${kind}: ${sentence}`);
      } else if (want) {
        t.fn++;
        misses.push(`FN ${kind}: ${sentence}`);
      }
    }
    if (expected.length > 0 && found.size > 0) sentences.tp++;
    else if (found.size > 0) sentences.fp++;
    else if (expected.length > 0) sentences.fn++;
  }
  const overall = [...perKind.values()].reduce(
    (a, t) => ({ tp: a.tp + t.tp, fp: a.fp + t.fp, fn: a.fn + t.fn }),
    {
      tp: 0,
      fp: 0,
      fn: 0,
    },
  );
  const fmt = (n: number) => n.toFixed(3);
  const lines = [
    `corpus: ${corpus.length} sentences, ${corpus.filter(([, k]) => k.length > 0).length} with personal data`,
    ...[...perKind].map(
      ([k, t]) =>
        `  ${k.padEnd(13)} P=${fmt(precision(t))} R=${fmt(recall(t))} (tp ${t.tp}, fp ${t.fp}, fn ${t.fn})`,
    ),
    `  overall(kind) P=${fmt(precision(overall))} R=${fmt(recall(overall))}`,
    `  sentences     P=${fmt(precision(sentences))} R=${fmt(recall(sentences))}`,
    ...misses.map((m) => `  ${m}`),
  ];
  console.log(lines.join("\n"));

  it("has at least 200 sentences, about half with personal data of every kind", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const positives = corpus.filter(([, k]) => k.length > 0).length;
    expect(positives / corpus.length).toBeGreaterThan(0.4);
    expect(positives / corpus.length).toBeLessThan(0.6);
    for (const kind of personalDataKinds)
      expect(
        corpus.some(([, k]) => k.includes(kind)),
        kind,
      ).toBe(true);
  });

  it("finds at least 95% of the personal data (recall), per kind and sentence", () => {
    expect(recall(overall)).toBeGreaterThanOrEqual(0.95);
    expect(recall(sentences)).toBeGreaterThanOrEqual(0.95);
  });

  it("is right at least 90% of the time it finds something (precision)", () => {
    expect(precision(overall)).toBeGreaterThanOrEqual(0.9);
    expect(precision(sentences)).toBeGreaterThanOrEqual(0.9);
  });
});
