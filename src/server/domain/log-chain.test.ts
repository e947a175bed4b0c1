import { describe, expect, it } from "vitest";
import { type ChainLink, ChainWalker, chainField, chainHash, GENESIS_HASH } from "./log-chain.js";

/** A sound chain of n entries built with the same rule the migration's trigger uses. */
function chain(n: number): ChainLink[] {
  const links: ChainLink[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields = [String(100 + seq), "1767225600000000", null, `mục ${seq} 🙂`];
    const hash = chainHash(prev, seq, fields);
    links.push({ id: 100 + seq, seq, prevHash: prev, hash, fields });
    prev = hash;
  }
  return links;
}

const walk = (links: ChainLink[], head = { seq: links.length, hash: links.at(-1)?.hash ?? GENESIS_HASH }) => {
  const w = new ChainWalker();
  for (const l of links) if (!w.push(l)) break;
  return { problem: w.finish(head), count: w.count };
};

describe("the log hash chain", () => {
  it("serialises fields unambiguously (byte lengths, null apart from empty)", () => {
    expect(chainField(null)).toBe("~");
    expect(chainField("")).toBe("0:");
    expect(chainField("ệ")).toBe("3:ệ");
    expect(chainHash(GENESIS_HASH, 1, ["ab", "c"])).not.toBe(chainHash(GENESIS_HASH, 1, ["a", "bc"]));
    expect(chainHash(GENESIS_HASH, 1, [null])).not.toBe(chainHash(GENESIS_HASH, 1, [""]));
  });

  it("accepts a sound chain and an empty one", () => {
    expect(walk(chain(5))).toEqual({ problem: null, count: 5 });
    expect(walk([], { seq: 0, hash: GENESIS_HASH })).toEqual({ problem: null, count: 0 });
  });

  it("names an edited entry", () => {
    const links = chain(5);
    links[2] = { ...(links[2] as ChainLink), fields: ["103", "1767225600000000", null, "mục 3 đã sửa"] };
    expect(walk(links).problem).toEqual({ kind: "edited", id: 103, seq: 3 });
  });

  it("names a deleted entry, in the middle or at the end", () => {
    const links = chain(5);
    expect(walk([...links.slice(0, 1), ...links.slice(2)]).problem).toEqual({
      kind: "deleted",
      seq: 2,
      beforeId: 103,
    });
    const head = { seq: 5, hash: links[4]?.hash ?? "" };
    expect(walk(links.slice(0, 4), head).problem).toEqual({ kind: "deleted", seq: 5, beforeId: null });
  });

  it("names an entry that does not follow the previous one (re-hashed after an edit)", () => {
    const links = chain(5);
    const forged = { ...(links[1] as ChainLink), fields: ["102", "0", null, "giả"] };
    forged.hash = chainHash(forged.prevHash, forged.seq, forged.fields);
    links[1] = forged;
    expect(walk(links).problem).toEqual({ kind: "inserted", id: 103, seq: 3 });
  });
});
