import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../../scripts/prepare.mjs";
import { lanAddresses } from "../../src/server/startup-banner.js";
import { solveCaptcha } from "../../src/test/captcha.js";
import { createTestApp } from "../../src/test/harness.js";
import { publishedEntry } from "../../src/test/kb.js";
import { createStaffUser } from "../../src/test/staff.js";
import { seriousViolations } from "../browser.js";
import {
  answerAndPublish,
  launchBrowser,
  PHONE_VIEWPORT,
  type PortalServer,
  phoneContext,
  screenshot,
} from "./setup.js";

const DESKTOP = { width: 1366, height: 768 };
/** The machine's first non-loopback IPv4: what a phone on the office Wi-Fi types (issue 18.2). */
const lan = lanAddresses(networkInterfaces())[0];

const vaccine = {
  fullName: "Lê Thị Hoa",
  phone: "0912 345 678",
  address: "Phường Hạc Thành",
  content: "Xin hỏi lịch tiêm vắc xin sởi cho trẻ tại trạm y tế phường?",
};
const other = { ...vaccine, content: "Đường liên xã bị sạt lở sau mưa lớn, khi nào được khắc phục?" };

/**
 * Issue 18 (portal and server) in a real browser at 1366×768 and 390×844: the Q&A search form,
 * the product opened over the LAN address, the citizen-facing 404 and 429, the neutral
 * confirmation page and the console's first-run notice.
 */
describe.skipIf(!lan)("issue 18 — portal and server in the browser", () => {
  let server: PortalServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ensureBuilt();
    const t = await createTestApp({ CAPTCHA: "on" });
    // Every interface, as `npm start` does (HOST=0.0.0.0); the browser uses the LAN address.
    await t.app.listen({ host: "0.0.0.0", port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    base = `http://${lan}:${port}`;
    server = { t, baseURL: base, close: () => t.close() };
    browser = await launchBrowser();
    for (const [i, body] of [vaccine, other].entries()) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/public/requests",
        headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
        payload: {
          ...body,
          captcha: await solveCaptcha(t.app, { "x-forwarded-for": `198.51.100.${i + 1}` }),
        },
      });
      await answerAndPublish(server, res.json<{ code: string }>().code, {
        answer:
          i === 0
            ? "Trạm y tế phường tiêm vắc xin sởi sáng thứ Tư."
            : "Huyện đã giao đơn vị khắc phục trong tuần.",
      });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const sizes = [
    { name: "desktop", open: () => desktop() },
    { name: "phone", open: () => phoneContext(browser, base) },
  ] as const;
  async function desktop(javaScriptEnabled = true): Promise<BrowserContext> {
    const context = await browser.newContext({
      baseURL: base,
      viewport: DESKTOP,
      locale: "vi-VN",
      timezoneId: "Asia/Ho_Chi_Minh",
      javaScriptEnabled,
    });
    context.setDefaultTimeout(30_000);
    return context;
  }
  /** Every response of the page's own origin, to prove stylesheets and scripts arrived. */
  function watch(page: Page): { status: Map<string, number>; failed: string[] } {
    const status = new Map<string, number>();
    const failed: string[] = [];
    page.on("response", (r) => status.set(r.url(), r.status()));
    page.on("requestfailed", (r) => failed.push(r.url()));
    return { status, failed };
  }

  for (const size of sizes) {
    it(`18.2 (${size.name}): the portal over ${lan} is styled and its form submits`, async () => {
      const context = await size.open();
      const page = await context.newPage();
      const seen = watch(page);
      await page.goto("/gui-yeu-cau");
      const csp = (await page.request.get("/")).headers()["content-security-policy"] ?? "";
      expect(csp).not.toContain("upgrade-insecure-requests");
      // The stylesheet applied: the header has its colour, not the browser's default transparent.
      const header = await page.locator("header.top").evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(header).not.toBe("rgba(0, 0, 0, 0)");
      await page.getByLabel("Họ và tên").fill(vaccine.fullName);
      await page.getByLabel("Số điện thoại").fill(vaccine.phone);
      await page.getByLabel("Địa chỉ liên hệ").fill(vaccine.address);
      await page.getByLabel("Nội dung yêu cầu").fill(vaccine.content);
      await expect
        .poll(() => page.locator("#captcha-status").textContent(), { timeout: 60_000 })
        .toContain("Đã xác minh");
      await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
      await page.waitForURL(/\/gui-yeu-cau\/da-gui\?ma=.*&bn=/);
      await page.getByRole("heading", { name: "Đã gửi yêu cầu thành công" }).waitFor();
      await screenshot(page, `lan-confirmation-${size.name}`);
      const assets = [...seen.status].filter(([url]) => url.includes("/assets/"));
      expect(assets.length).toBeGreaterThanOrEqual(2);
      expect(assets.filter(([, s]) => s !== 200 && s !== 304)).toEqual([]);
      expect(seen.failed).toEqual([]);
      await context.close();
    });

    it(`18.2/18.7 (${size.name}): the console over ${lan} renders, with the first-run notice`, async () => {
      const context = await size.open();
      const page = await context.newPage();
      const seen = watch(page);
      await page.goto("/console/login");
      await page.getByLabel("Tên đăng nhập").waitFor();
      const notice = page.getByTestId("first-run");
      await notice.waitFor();
      expect(await notice.textContent()).toContain("npm run admin -- create-user");
      expect(await page.getByText("Chưa có tài khoản quản trị nào").count()).toBe(1);
      await screenshot(page, `console-first-run-${size.name}`);
      expect([...seen.status].filter(([u, s]) => u.includes("/console/assets/") && s !== 200)).toEqual([]);
      expect(seen.failed).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

    it(`18.1 (${size.name}): searching “tiêm vắc xin” from the form filters and keeps the text`, async () => {
      const context = await size.open();
      const page = await context.newPage();
      await page.goto("/hoi-dap");
      await page.getByRole("heading", { name: "2 câu trả lời đã công khai" }).waitFor();
      await page.getByLabel("Tìm kiếm").fill("tiêm vắc xin");
      await page.getByRole("button", { name: "Lọc kết quả" }).click();
      await page.waitForURL(/q=/);
      // With JavaScript the empty filters are not sent at all.
      expect(new URL(page.url()).search).toBe("?q=ti%C3%AAm+v%E1%BA%AFc+xin");
      await page.getByRole("heading", { name: "1 kết quả phù hợp" }).waitFor();
      expect(await page.getByLabel("Tìm kiếm").inputValue()).toBe("tiêm vắc xin");
      expect(await page.locator("ol.list li").count()).toBe(1);
      await screenshot(page, `answers-search-${size.name}`);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it("the submit form's file picker speaks Vietnamese in an English browser, by keyboard too; without JavaScript the native one stays", async () => {
    for (const viewport of [DESKTOP, PHONE_VIEWPORT]) {
      const context = await browser.newContext({ baseURL: base, viewport, locale: "en-US" });
      const page = await context.newPage();
      await page.goto("/gui-yeu-cau");
      await page.getByText("Chọn tệp…").waitFor();
      await page.getByText("Chưa chọn tệp nào").waitFor();
      // The browser's own «Choose Files» is out of sight; the input keeps its label for screen readers.
      const input = page.getByLabel("Tệp đính kèm");
      expect((await input.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
      await page.getByLabel("Nội dung yêu cầu").focus();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("attachments");
      await input.setInputFiles([
        { name: "giay-to.png", mimeType: "image/png", buffer: Buffer.from("png") },
        { name: "don.pdf", mimeType: "application/pdf", buffer: Buffer.from("pdf") },
      ]);
      await page.getByText("Đã chọn 2 tệp: giay-to.png, don.pdf").waitFor();
      await input.setInputFiles({ name: "ghi-chu.txt", mimeType: "text/plain", buffer: Buffer.from("x") });
      await page.getByText("Đã chọn 1 tệp: ghi-chu.txt").waitFor();
      await page.getByText(/Tệp “ghi-chu.txt” không đúng định dạng/).waitFor();
      await screenshot(page, `file-picker-${viewport.width}`);
      await context.close();
    }
    const plain = await desktop(false);
    const page = await plain.newPage();
    await page.goto("/gui-yeu-cau");
    expect((await page.getByLabel("Tệp đính kèm").boundingBox())?.width ?? 0).toBeGreaterThan(50);
    expect(await page.getByText("Chọn tệp…").count()).toBe(0);
    await plain.close();
  });

  it("18.1: every filter of /hoi-dap shows its whole value, from a small phone to a desktop", async () => {
    for (const width of [320, 390, 768, 1024, 1366]) {
      const context = await browser.newContext({ baseURL: base, viewport: { width, height: 800 } });
      const page = await context.newPage();
      await page.goto("/hoi-dap?from=2026-11-02");
      // The room a control's value needs: its text in the control's font, its padding, and the
      // select's arrow or the date's calendar button (24 px).
      const cut = await page.evaluate(() => {
        const canvas = document.createElement("canvas").getContext("2d");
        const out: string[] = [];
        for (const el of document.querySelectorAll<HTMLSelectElement | HTMLInputElement>(
          "form.filters select, #f-from, #f-to",
        )) {
          const style = getComputedStyle(el);
          if (canvas) canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const text = el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.text ?? "") : "00/00/0000";
          const need =
            (canvas?.measureText(text).width ?? 0) +
            Number.parseFloat(style.paddingLeft) +
            Number.parseFloat(style.paddingRight) +
            24;
          if (need > el.clientWidth)
            out.push(`${el.id} “${text}”: ${Math.round(need)} px > ${el.clientWidth}`);
        }
        return out;
      });
      expect(cut, `${width} px`).toEqual([]);
      if (width === 320) await screenshot(page, "answers-filters-320");
      if (width === 390) {
        // The two dates share a row on a phone (twenty-third session): the answers start higher.
        const from = await page.locator("#f-from").boundingBox();
        const to = await page.locator("#f-to").boundingBox();
        expect(Math.abs((from?.y ?? 0) - (to?.y ?? 1000))).toBeLessThan(2);
        // An empty date shows its whole placeholder (letters wider than digits).
        const room = await page.locator("#f-to").evaluate((el: HTMLInputElement) => {
          const style = getComputedStyle(el);
          const canvas = document.createElement("canvas").getContext("2d");
          if (canvas) canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const need =
            (canvas?.measureText("dd/mm/yyyy").width ?? 0) +
            Number.parseFloat(style.paddingLeft) +
            Number.parseFloat(style.paddingRight) +
            24;
          return el.clientWidth - need;
        });
        expect(room).toBeGreaterThanOrEqual(0);
        await screenshot(page, "answers-filters-390");
      }
      await context.close();
    }
  });

  it("the submit form's field select shows its whole placeholder on a small phone", async () => {
    // Twentieth session: «— Chọn lĩnh vực (không bắt buộc) —» read «… (không bắt buộ» at 390 px;
    // the hint above it already says the field may be left empty.
    for (const width of [320, 390]) {
      const context = await browser.newContext({ baseURL: base, viewport: { width, height: 800 } });
      const page = await context.newPage();
      await page.goto("/gui-yeu-cau");
      const cut = await page.locator("#field").evaluate((el: HTMLSelectElement) => {
        const style = getComputedStyle(el);
        const canvas = document.createElement("canvas").getContext("2d");
        if (canvas) canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = el.selectedOptions[0]?.text ?? "";
        const need =
          (canvas?.measureText(text).width ?? 0) +
          Number.parseFloat(style.paddingLeft) +
          Number.parseFloat(style.paddingRight) +
          24;
        return need > el.clientWidth ? `“${text}”: ${Math.round(need)} px > ${el.clientWidth}` : "";
      });
      expect(cut, `${width} px`).toBe("");
      // A chosen field longer than the phone is wide («Nội dung khác theo chỉ đạo của Chủ tịch UBND
      // tỉnh») ends in «…», not cut mid-letter (twenty-first session).
      expect(await page.locator("#field").evaluate((el) => getComputedStyle(el).textOverflow)).toBe(
        "ellipsis",
      );
      await context.close();
    }
  });

  it("18.1: without JavaScript the form sends from=&to= and still filters", async () => {
    const context = await desktop(false);
    const page = await context.newPage();
    await page.goto("/hoi-dap");
    await page.getByLabel("Tìm kiếm").fill("tiêm vắc xin");
    await page.getByRole("button", { name: "Lọc kết quả" }).click();
    await page.waitForURL(/from=&to=/);
    await page.getByRole("heading", { name: "1 kết quả phù hợp" }).waitFor();
    expect(await page.getByLabel("Tìm kiếm").inputValue()).toBe("tiêm vắc xin");
    await context.close();
  });

  it("the dates read dd/mm/yyyy in an English Chromium, typed and linked, without JavaScript", async () => {
    // Thirty-fourth session: a date input showed the browser's mm/dd/yyyy, not the page's Vietnamese.
    const context = await browser.newContext({
      baseURL: base,
      viewport: DESKTOP,
      locale: "en-US",
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto("/hoi-dap?from=2026-11-02");
    const from = page.getByLabel("Từ ngày");
    const to = page.getByLabel("Đến ngày");
    expect(await from.inputValue()).toBe("02/11/2026");
    expect(await to.getAttribute("placeholder")).toBe("dd/mm/yyyy");
    expect(await to.getAttribute("inputmode")).toBe("numeric");
    // Typed as Vietnamese write it, sent as typed, shown back the same.
    await from.fill("01/01/2000");
    await to.fill("31/12/2099");
    await page.getByRole("button", { name: "Lọc kết quả" }).click();
    await page.waitForURL(/from=01%2F01%2F2000&to=31%2F12%2F2099/);
    await page.getByRole("heading", { name: "2 kết quả phù hợp" }).waitFor();
    expect(await from.inputValue()).toBe("01/01/2000");
    // A year of two digits is refused by the browser; a day that does not exist, by the page.
    await to.fill("1/1/26");
    expect(await to.evaluate((el: HTMLInputElement) => el.validity.patternMismatch)).toBe(true);
    await to.fill("31/02/2026");
    await page.getByRole("button", { name: "Lọc kết quả" }).click();
    await page.getByText("Ngày không hợp lệ, đã bỏ qua.").waitFor();
    expect(await to.getAttribute("aria-invalid")).toBe("true");
    expect(await from.inputValue()).toBe("01/01/2000");
    await screenshot(page, "answers-dates-en-US");
    await context.close();
    // The same page with JavaScript (axe needs it) has no serious accessibility violation.
    const withJs = await desktop();
    const checked = await withJs.newPage();
    await checked.goto("/hoi-dap?from=01%2F01%2F2000&to=31%2F02%2F2026");
    expect(await seriousViolations(checked)).toEqual([]);
    await withJs.close();
  });

  it("18.9: an unknown page and a confirmation link without receipt are citizen-facing pages", async () => {
    for (const viewport of [DESKTOP, PHONE_VIEWPORT]) {
      const context = viewport === DESKTOP ? await desktop() : await phoneContext(browser, base);
      const page = await context.newPage();
      const res = await page.goto("/trang-khong-ton-tai");
      expect(res?.status()).toBe(404);
      await page.getByRole("heading", { name: "Không tìm thấy trang" }).waitFor();
      expect(await page.locator('main a[href="tel:1022"]').count()).toBe(1);
      await screenshot(page, `404-${viewport.width}`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto("/gui-yeu-cau/da-gui?ma=2601-ABCDEF");
      await page.getByRole("heading", { name: "Tra cứu yêu cầu theo mã" }).waitFor();
      expect(await page.content()).not.toContain("thành công");
      await screenshot(page, `code-notice-${viewport.width}`);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  });

  it("18.6: a rate-limited follow look-up shows when to retry and the hotline", async () => {
    const context = await phoneContext(browser, base);
    const page = await context.newPage();
    // The follow form allows 30 look-ups per 10 minutes per address; use them up.
    for (let i = 0; i < 30; i++)
      await page.request.post("/tra-cuu", { form: { ma: "2601-ABCDEF", sdt: "0900000000" } });
    await page.goto("/tra-cuu?ma=2601-ABCDEF");
    await page.getByLabel("Số điện thoại").fill("0900000000");
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await page.getByRole("heading", { name: /Vui lòng thử lại sau \d+ phút/ }).waitFor();
    expect(await page.locator("#retry-at").textContent()).toMatch(/^\d{2}:\d{2}$/);
    expect(await page.locator('main a[href="tel:1022"]').count()).toBe(1);
    await screenshot(page, "429-phone");
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
    await screenshot(page, "429-desktop");
    await context.close();
  });

  it("18.9: Q&A suggestions on /hoi-dap mark the words that matter, not “không”, “có”, “được”", async () => {
    const focal = await (
      await createStaffUser(server.t, { role: "focal_point", agencyCode: "SYT" })
    ).signIn();
    const admin = await (await createStaffUser(server.t, { role: "admin" })).signIn();
    await publishedEntry(
      focal,
      {
        question: "Trẻ có được tiêm vắc xin sởi miễn phí không?",
        answerHtml: "<p>Có. Trẻ được tiêm vắc xin sởi miễn phí tại trạm y tế, không phải đăng ký trước.</p>",
        fieldCode: "y-te-xet-nghiem-tiem-phong",
        legalSources: [],
        keywords: [],
      },
      admin,
    );

    for (const context of [await desktop(), await phoneContext(browser, base)]) {
      const page = await context.newPage();
      await page.goto("/hoi-dap");
      await page.getByLabel("Tìm kiếm").fill("có được tiêm vắc xin sởi không");
      await page.getByRole("button", { name: "Lọc kết quả" }).click();
      await page.getByRole("heading", { name: "Từ bộ câu hỏi thường gặp" }).waitFor();
      const marked = (await page.locator("mark").allTextContents()).map((m) => m.toLowerCase());
      expect(marked).toEqual(expect.arrayContaining(["tiêm", "vắc", "xin", "sởi"]));
      for (const filler of ["có", "được", "không"]) expect(marked).not.toContain(filler);
      await screenshot(page, `kb-highlight-${page.viewportSize()?.width}`);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
