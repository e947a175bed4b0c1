import { describe, expect, it } from "vitest";
import { createCountBatcher, createKeyBatcher } from "./key-batcher.js";

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

  it("with sameTurn, sends the callers of one event-loop turn together, even when nothing runs", async () => {
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
      { maxInFlight: 1, maxBatch: 64, sameTurn: true },
    );
    const first = ["a", "b", "a", "a", "c", "b", "a"].map((k) => count(k));
    // Asked in a later turn, while the first statement runs: the next statement, as without sameTurn.
    await new Promise((r) => setImmediate(r));
    const later = ["a", "d"].map((k) => count(k));
    const counts = await Promise.all([...first, ...later]);
    expect(statements).toEqual([
      new Map([
        ["a", 4],
        ["b", 2],
        ["c", 1],
      ]),
      new Map([
        ["a", 1],
        ["d", 1],
      ]),
    ]);
    // Each caller still gets the count it would have had one after the other.
    expect(counts.map((c) => c.count)).toEqual([1, 1, 2, 3, 1, 2, 4, 5, 1]);
  });
});

describe("createKeyBatcher", () => {
  it("with sameTurn, gives every caller its own key's row from one statement, never an older one", async () => {
    let version = 0;
    const statements: string[][] = [];
    const read = createKeyBatcher(
      async (keys) => {
        statements.push(keys);
        version++;
        return new Map(keys.filter((k) => k !== "none").map((k) => [k, `${k}@${version}`]));
      },
      { maxInFlight: 1, maxBatch: 2, sameTurn: true },
    );
    const rows = await Promise.all(["x", "y", "x", "none", "z"].map((k) => read(k)));
    // At most maxBatch distinct keys a statement; the rest go in the next one.
    expect(statements).toEqual([
      ["x", "y"],
      ["none", "z"],
    ]);
    expect(rows).toEqual(["x@1", "y@1", "x@1", undefined, "z@2"]);
    // A key asked after a statement answered is read again, by a new statement.
    expect(await read("x")).toBe("x@3");
  });
});
