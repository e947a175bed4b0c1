import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../../scripts/prepare.mjs";
import { SHOWN_BACK } from "../../src/server/http/portal/answers-filter.js";
import { seriousViolations } from "../browser.js";
import { launchBrowser, PHONE_VIEWPORT, type PortalServer, screenshot, startServer } from "./setup.js";

const DESKTOP = { width: 1366, height: 768 };

/**
 * /hoi-dap with a date that is no day (6 December 2026, thirty-fifth session): at 1366×768 the
 * message under the date pushed the other date and the button down, off the row; and the field was
 * emptied, so the citizen could not see what to correct.
 */
describe("/hoi-dap: a date that is no day, in the browser", () => {
  let server: PortalServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureBuilt();
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(viewport: { width: number; height: number }, query: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.baseURL, viewport, locale: "vi-VN" });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(`/hoi-dap?${query}`);
    return page;
  }
  async function box(page: Page, selector: string) {
    const found = await page.locator(selector).boundingBox();
    if (!found) throw new Error(`${selector} is not shown`);
    return found;
  }

  it("at 1366×768 the dates and the button stay on one line, the message under its date", async () => {
    for (const query of ["from=31%2F02%2F2026", "to=31%2F02%2F2026", "from=31%2F02%2F2026&to=1%2F1%2F26"]) {
      const page = await open(DESKTOP, `q=ti%C3%AAm&${query}`);
      const [from, to, button] = [
        await box(page, "#f-from"),
        await box(page, "#f-to"),
        await box(page, "form.filters button"),
      ];
      expect(Math.abs(from.y - to.y), query).toBeLessThan(2);
      expect(Math.abs(from.y - button.y), query).toBeLessThan(2);
      // The first row too: every label on one line, every control on one line.
      const tops = async (selector: string) =>
        (await page.locator(selector).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top)))
          .map(Math.round)
          .filter((y, _, all) => y < Math.min(...all) + 40);
      for (const selector of ["form.filters label", "#f-q, #f-field, #f-agency"]) {
        const ys = await tops(selector);
        expect(Math.max(...ys) - Math.min(...ys), `${query}: ${selector}`).toBeLessThan(2);
      }
      for (const err of await page.locator("form.filters .err").all()) {
        const field = await box(page, `#${(await err.getAttribute("id"))?.replace(/-err$/, "")}`);
        const message = await err.boundingBox();
        expect(message?.y ?? 0, query).toBeGreaterThanOrEqual(field.y + field.height);
        expect(Math.abs((message?.x ?? 0) - field.x), query).toBeLessThan(2);
      }
      if (query.includes("&")) await screenshot(page, "answers-invalid-dates-1366");
      await page.context().close();
    }
  });

  it("at 390×844 the dates share a row, each message under its own date, the button below both", async () => {
    const page = await open(PHONE_VIEWPORT, "from=31%2F02%2F2026&to=1%2F1%2F26");
    const [from, to, button] = [
      await box(page, "#f-from"),
      await box(page, "#f-to"),
      await box(page, "form.filters button"),
    ];
    expect(Math.abs(from.y - to.y)).toBeLessThan(2);
    for (const [id, field] of [
      ["f-from-err", from],
      ["f-to-err", to],
    ] as const) {
      const message = await box(page, `#${id}`);
      expect(message.y).toBeGreaterThanOrEqual(field.y + field.height);
      expect(message.x + message.width).toBeLessThanOrEqual(field.x + field.width + 1);
      expect(button.y).toBeGreaterThanOrEqual(message.y + message.height);
    }
    await screenshot(page, "answers-invalid-dates-390");
    await page.context().close();
  });

  it("shows what was typed back, escaped, described by the message, and leaves it out of the links", async () => {
    const typed = `"><script>document.title="x"</script>`;
    const page = await open(DESKTOP, `from=${encodeURIComponent(typed)}&to=31%2F02%2F2026`);
    const from = page.getByLabel("Từ ngày");
    const to = page.getByLabel("Đến ngày");
    // At most SHOWN_BACK characters of it: enough to correct, never a hand-edited link's kilobytes.
    expect(await from.inputValue()).toBe([...typed].slice(0, SHOWN_BACK).join(""));
    expect(await to.inputValue()).toBe("31/02/2026");
    expect(await page.title()).not.toBe("x");
    for (const field of [from, to]) {
      expect(await field.getAttribute("aria-invalid")).toBe("true");
      const described = await field.evaluate(
        (el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent,
      );
      expect(described).toContain("Ngày không hợp lệ, đã bỏ qua.");
    }
    await page.getByRole("heading", { name: "0 kết quả phù hợp" }).waitFor();
    expect(await page.locator('a[href*="from="], a[href*="to="]').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
