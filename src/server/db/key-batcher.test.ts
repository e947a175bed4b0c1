import { describe, expect, it } from "vitest";
import { createCountBatcher } from "./key-batcher.js";

/** The count batcher's arithmetic (issue 16): a plain counter stands in for the rate_buckets upsert. */
describe("createCountBatcher", () => {
  it("gives every caller of a key its own count, in order, while the keys share statements", async () => {
    const totals = new Map<string, number>();
    const statements: Map<string, number>[] = [];
    const count = createCountBatcher(
      async (increments) => {
        statements.push(new Map(increments));
        await new Promise((r) => setTimeout(r, 5));
        const rows = new Map<string, { count: number }>();
        for (const [key, n] of increments) {
          totals.set(key, (totals.get(key) ?? 0) + n);
          rows.set(key, { count: totals.get(key) as number });
        }
        return rows;
      },
      { maxInFlight: 1, maxBatch: 64 },
    );
    const keys = ["a", "b", "a", "a", "c", "b", "a"];
    const counts = await Promise.all(keys.map((k) => count(k)));
    // The first goes alone at once; the other six wait for it and go together, "a" counted 3 at once.
    expect(statements).toEqual([
      new Map([["a", 1]]),
      new Map([
        ["b", 2],
        ["a", 3],
        ["c", 1],
      ]),
    ]);
    expect(counts.map((c) => c.count)).toEqual([1, 1, 2, 3, 1, 2, 4]);
    expect(await count("a")).toEqual({ count: 5 });
  });

  it("fails every caller of a statement that fails, and the next statement runs", async () => {
    let fail = true;
    const count = createCountBatcher(
      async (increments) => {
        if (fail) throw new Error("database away");
        return new Map([...increments].map(([k, n]) => [k, { count: n }]));
      },
      { maxInFlight: 2, maxBatch: 64 },
    );
    await expect(count("a")).rejects.toThrow("database away");
    fail = false;
    expect(await count("a")).toEqual({ count: 1 });
  });
});
