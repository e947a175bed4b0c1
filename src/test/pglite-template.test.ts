import { access, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { removeStaleDumps } from "./pglite-template.js";

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe("PGlite template dumps in the temp directory", () => {
  it("removes other keys' dumps older than a day, keeps the current one and recent ones", async () => {
    const name = (tag: string) => `tongdai1022-pglite-test${process.pid}${tag}.tar`;
    const current = name("cur");
    const recent = name("new");
    const stale = name("old");
    const staleCurrent = name("cur2");
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    for (const file of [current, recent, stale, staleCurrent])
      await writeFile(path.join(tmpdir(), file), "x");
    for (const file of [stale, staleCurrent]) await utimes(path.join(tmpdir(), file), twoDaysAgo, twoDaysAgo);

    await removeStaleDumps(staleCurrent);

    expect(await exists(path.join(tmpdir(), stale))).toBe(false);
    expect(await exists(path.join(tmpdir(), staleCurrent))).toBe(true);
    expect(await exists(path.join(tmpdir(), recent))).toBe(true);
    expect(await exists(path.join(tmpdir(), current))).toBe(true);
    for (const file of [current, recent, staleCurrent]) await rm(path.join(tmpdir(), file), { force: true });
  });
});
