import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answeredInMay, reportsFixture } from "../../src/test/reports.fixture.js";
import { seriousViolations } from "../browser.js";
import { launchBrowser, PHONE_VIEWPORT, phoneContext, screenshot } from "./setup.js";

/**
 * The public figures page (/thong-ke) in a real browser (twenty-seventh session): at 390 px its six
 * columns scrolled sideways inside their box with nothing saying so, the last one cut off; each
 * agency is now a card with every figure beside its heading, and at 1366 px it stays one table.
 */
describe("/thong-ke on a phone and a screen", () => {
  let browser: Browser;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const { t, build } = await reportsFixture();
    close = () => t.close();
    // An answered May slip to the Department of Health: May is the last closed month on the clock.
    await build(answeredInMay("PF-E2E"));
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  it("at 390 px each agency is a card: every figure labelled, nothing scrolls sideways", async () => {
    const context = await phoneContext(browser, base);
    const page = await context.newPage();
    await page.goto("/thong-ke");
    const health = page.getByRole("row", { name: /Sở Y tế/ });
    await health.waitFor();
    const box = await page.locator(".table-wrap").evaluate((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
    }));
    expect(box.scroll).toBeLessThanOrEqual(box.client);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE_VIEWPORT.width,
    );
    // Each figure is shown beside its heading and inside the screen, the last one («Mức hài lòng») included.
    const cells = await health.getByRole("cell").evaluateAll((tds) =>
      tds.map((td) => ({
        label: getComputedStyle(td, "::before").content,
        right: td.getBoundingClientRect().right,
      })),
    );
    expect(cells.map((c) => c.label)).toEqual([
      '"Đã trả lời"',
      '"Đúng hạn"',
      '"Lượt đánh giá"',
      '"Đã giải quyết"',
      '"Mức hài lòng"',
    ]);
    for (const c of cells) expect(c.right).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    // Still a table to a screen reader: the agency's row names its cells by their column.
    expect(await page.getByRole("columnheader", { name: "Đúng hạn" }).count()).toBe(1);
    expect(await page.getByRole("cell").count()).toBeGreaterThanOrEqual(5);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "thong-ke-cards-390");
    await context.close();
  });

  it("at 1366 px it is one table: the headings in a row above, an agency on one line", async () => {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto("/thong-ke");
    const heading = page.getByRole("columnheader", { name: "Mức hài lòng" });
    await heading.waitFor();
    expect(await heading.isVisible()).toBe(true);
    const row = await page.getByRole("row", { name: /Sở Y tế/ }).boundingBox();
    expect(row?.height ?? 999).toBeLessThan(60);
    await screenshot(page, "thong-ke-table-1366");
    await context.close();
  });
});
