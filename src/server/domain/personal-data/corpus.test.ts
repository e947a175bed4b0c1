import { describe, expect, it } from "vitest";
import { corpus, heldOut } from "./corpus.fixture.js";
import { detectPersonalData } from "./detect.js";
import { type PersonalDataKind, personalDataKinds } from "./kinds.js";

type Rows = ReadonlyArray<readonly [string, readonly PersonalDataKind[]]>;
interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const precision = (t: Tally) => ratio(t.tp, t.tp + t.fp);
const recall = (t: Tally) => ratio(t.tp, t.tp + t.fn);
const fmt = (n: number) => n.toFixed(3);

/**
 * Precision and recall counted per (sentence, kind) pair — a kind found in a sentence that carries
 * it is a true positive — and per sentence (does it carry personal data at all).
 */
function measure(name: string, rows: Rows) {
  const perKind = new Map<PersonalDataKind, Tally>(
    personalDataKinds.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]),
  );
  const sentences: Tally = { tp: 0, fp: 0, fn: 0 };
  const errors: string[] = [];
  for (const [sentence, expected] of rows) {
    const found = new Set(detectPersonalData(sentence).map((h) => h.kind));
    for (const kind of personalDataKinds) {
      const t = perKind.get(kind) as Tally;
      const want = expected.includes(kind);
      const got = found.has(kind);
      if (want && got) t.tp++;
      else if (got) {
        t.fp++;
        errors.push(`false positive ${kind}: ${sentence}`);
      } else if (want) {
        t.fn++;
        errors.push(`missed ${kind}: ${sentence}`);
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
  console.log(
    [
      `${name}: ${rows.length} sentences, ${rows.filter(([, k]) => k.length > 0).length} with personal data`,
      ...[...perKind].map(
        ([k, t]) =>
          `  ${k.padEnd(13)} P=${fmt(precision(t))} R=${fmt(recall(t))} (tp ${t.tp}, fp ${t.fp}, fn ${t.fn})`,
      ),
      `  overall (sentence × kind) P=${fmt(precision(overall))} R=${fmt(recall(overall))}`,
      `  overall (sentence)        P=${fmt(precision(sentences))} R=${fmt(recall(sentences))}`,
      ...errors.map((e) => `  ${e}`),
    ].join("\n"),
  );
  return { overall, sentences };
}

describe("personal-data detector on the hand-written corpus (issue 13)", () => {
  const all = [...corpus, ...heldOut];

  it("has at least 200 sentences, about half with personal data, every kind present", () => {
    expect(all.length).toBeGreaterThanOrEqual(200);
    const positives = all.filter(([, k]) => k.length > 0).length;
    expect(positives / all.length).toBeGreaterThan(0.4);
    expect(positives / all.length).toBeLessThan(0.6);
    for (const kind of personalDataKinds)
      expect(
        all.some(([, k]) => k.includes(kind)),
        kind,
      ).toBe(true);
  });

  it("finds ≥ 95% of the personal data and is right ≥ 90% of the time, on the whole corpus", () => {
    const { overall, sentences } = measure("whole corpus", all);
    expect(recall(overall)).toBeGreaterThanOrEqual(0.95);
    expect(recall(sentences)).toBeGreaterThanOrEqual(0.95);
    expect(precision(overall)).toBeGreaterThanOrEqual(0.9);
    expect(precision(sentences)).toBeGreaterThanOrEqual(0.9);
  });

  it("holds on the batch written after the detector", () => {
    const { overall } = measure("held-out batch", heldOut);
    expect(recall(overall)).toBeGreaterThanOrEqual(0.95);
    expect(precision(overall)).toBeGreaterThanOrEqual(0.9);
  });
});
