import { describe, expect, it } from "vitest";
import { TopK } from "./top-k.js";

describe("top k", () => {
  it("sorts best first and equal scores by id, many ties included (issue 16, ninth session)", () => {
    let seed = 3;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const heap = new TopK();
    for (const [n, k] of [
      [0, 5],
      [1, 5],
      [300, 1000],
      [2000, 1000],
      [500, 10],
    ] as const) {
      const pushed = Array.from({ length: n }, (_, i) => ({
        id: (i * 7919) % 100_003,
        score: Math.floor(random() * 20) / 4,
      }));
      heap.reset(k);
      for (const p of pushed) heap.push(p.id, p.score);
      const count = heap.sort();
      const got = Array.from({ length: count }, (_, i) => ({ id: heap.idAt(i), score: heap.scoreAt(i) }));
      const order = [...got].sort((a, b) => b.score - a.score || a.id - b.id);
      expect(got).toEqual(order);
      expect(count).toBe(Math.min(n, k));
      // What is kept: every score above the lowest kept, as many of the lowest as fit.
      const lowest = got.at(-1)?.score ?? 0;
      expect(got.filter((g) => g.score > lowest).length).toBe(pushed.filter((p) => p.score > lowest).length);
      if (n <= k) expect(got).toEqual([...pushed].sort((a, b) => b.score - a.score || a.id - b.id));
    }
  });
});
