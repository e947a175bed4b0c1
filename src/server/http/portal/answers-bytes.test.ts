import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/hooks.js";
import { seedDemo } from "../../demo/seed.js";
import { textOfMarkup } from "./portal-reads.js";

/**
 * Issue 16: plain `/hoi-dap` is bound by its bytes (bench/portal). Thirty-seventh session: the list's
 * markup trimmed (docs/portal.md). These budgets keep it so with the demo data: the whole page, and
 * what each answer of the list adds besides its own words.
 */
const PAGE_BUDGET = 11_500; // bytes; 12,081 before, 11,316 after, with the demo data of 6 Dec 2026
const ITEM_MARKUP_BUDGET = 130; // bytes of tags and attributes an answer; 165–169 before, 124 after

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("/hoi-dap's bytes with the demo data", () => {
  const t = useTestApp({ seed: "reference" });

  it("stays under the page's budget, and each answer's markup under its own", async () => {
    await seedDemo(t.ctx);
    const res = await t.app.inject({ url: "/hoi-dap" });
    expect(res.statusCode).toBe(200);
    const items = res.body.match(/<li>\s*<a [^>]*href="\/hoi-dap\/[^"]+">[\s\S]*?<\/li>/g) ?? [];
    expect(items.length).toBeGreaterThan(10);
    const overBudget = items
      .map((li) => ({ markup: bytes(li) - bytes(textOfMarkup(li)), li }))
      .filter((i) => i.markup > ITEM_MARKUP_BUDGET);
    expect(overBudget).toEqual([]);
    expect(bytes(res.body)).toBeLessThanOrEqual(PAGE_BUDGET);
  });
});
