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

  it("keeps the same ones of equal scores as a heap that swaps at every level (nineteenth session)", () => {
    // The heap as it was before its entries were carried in a hole: which tied entry stays in a full
    // heap depends on its moves, and rankings must not change.
    const reference = (k: number, pushed: { id: number; score: number }[]) => {
      const h: { id: number; score: number }[] = [];
      const swap = (i: number, j: number) => {
        [h[i], h[j]] = [h[j] as { id: number; score: number }, h[i] as { id: number; score: number }];
      };
      const down = (i: number, n: number) => {
        for (;;) {
          const l = 2 * i + 1;
          let m = i;
          if (l < n && (h[l]?.score as number) < (h[m]?.score as number)) m = l;
          if (l + 1 < n && (h[l + 1]?.score as number) < (h[m]?.score as number)) m = l + 1;
          if (m === i) return;
          swap(i, m);
          i = m;
        }
      };
      for (const p of pushed) {
        if (h.length < k) {
          h.push({ ...p });
          for (
            let i = h.length - 1;
            i > 0 && (h[(i - 1) >> 1]?.score as number) > (h[i]?.score as number);
          ) {
            swap(i, (i - 1) >> 1);
            i = (i - 1) >> 1;
          }
        } else if (k > 0 && p.score > (h[0]?.score as number)) {
          h[0] = { ...p };
          down(0, h.length);
        }
      }
      return h.map((e) => e.id).sort((a, b) => a - b);
    };
    let seed = 11;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const heap = new TopK();
    for (const [n, k, levels] of [
      [3000, 1000, 6],
      [3000, 1000, 40],
      [500, 10, 3],
      [200, 7, 2],
      [50, 64, 5],
    ] as const) {
      const pushed = Array.from({ length: n }, (_, i) => ({ id: i, score: Math.floor(random() * levels) }));
      heap.reset(k);
      for (const p of pushed) heap.push(p.id, p.score);
      const count = heap.sort();
      const kept = Array.from({ length: count }, (_, i) => heap.idAt(i)).sort((a, b) => a - b);
      expect(kept).toEqual(reference(k, pushed));
    }
  });
});
