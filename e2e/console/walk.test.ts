import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createRequest, opened, screenshot, signedIn, useConsole } from "./browser.js";

/**
 * A walk through each role's main pages as its users see them, on a laptop (1366×768) and a phone
 * (390×844): no page scrolls sideways, no English or raw code words reach a Vietnamese reader, no
 * raw JSON is shown; then the fixes of the fourteenth session's walk one by one (docs/console.md).
 */
describe("console walk at 1366 and 390 px", () => {
  const h = useConsole();

  const sizes = [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ];
  const roles: Record<string, string[]> = {
    operator: ["/console/desk", "/console/lookup"],
    focal: ["/console/inbox", "/console/kb"],
    leader: ["/console/inbox", "/console/board", "/console/reports"],
    coordinator: [
      "/console/board",
      "/console/data-requests",
      "/console/admin/audit",
      "/console/admin/access-log",
    ],
    admin: ["/console/admin/users", "/console/admin/calendar", "/console/admin/time-limits"],
  };
  // Words a Vietnamese screen must not show: codes and English left in the interface.
  const english =
    /\b(holiday|compensatory|swap|sms|undefined|null|NaN|Loading|Submit|Cancel|Please|required)\b/;
  const rawJson = /[{[]"\w+":/;

  async function overflowAndWords(page: Page): Promise<{ overflow: number; text: string }> {
    return page.evaluate(() => ({
      overflow: (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth,
      // biome-ignore lint/performance/useDomNodeTextContent: the words shown, not hidden ones
      text: document.body.innerText,
    }));
  }

  /** The column headings of the page's tables whose words take more than one line. */
  async function wrappedHeaders(page: Page): Promise<string[]> {
    return page.evaluate(() =>
      [...document.querySelectorAll("thead th")].flatMap((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.bottom)));
        return lines.size > 1 ? [th.textContent ?? ""] : [];
      }),
    );
  }

  /** The request page of the first request a list shows (the desk and inbox open theirs in place). */
  async function firstRequest(page: Page, list: string): Promise<void> {
    await opened(page, list);
    const href = await page
      .getByRole("link", { name: /^Mở \d{4}-/ })
      .first()
      .getAttribute("href");
    const id = /(?:[?&]r=|\/requests\/)([0-9a-f-]{36})/.exec(href ?? "")?.[1];
    await opened(page, `/console/requests/${id}`);
    await page.getByRole("heading", { level: 1, name: /^\d{4}-/ }).waitFor();
  }

  for (const size of sizes) {
    it(`every role's main pages at ${size.width} px: no sideways scroll, no English, no JSON`, async () => {
      for (const [user, paths] of Object.entries(roles)) {
        const { context, page } = await signedIn(h, user);
        await page.setViewportSize(size);
        // Every role but the administrator (who reads no request) opens a request from its list too.
        for (const path of user === "admin" ? paths : [...paths, "request"]) {
          if (path === "request") await firstRequest(page, paths[0] ?? "");
          else await opened(page, path);
          const where = `${user} ${path} at ${size.width}`;
          // Settled, not mid-layout: a CI run (6 Dec) measured the Q&A lookup 45 px wide once, just
          // after it opened; it never came back here in runs of the page. A lasting overflow still fails.
          await expect
            .poll(async () => (await overflowAndWords(page)).overflow, { message: where, timeout: 5_000 })
            .toBeLessThanOrEqual(0);
          const { text } = await overflowAndWords(page);
          expect(text.match(english)?.[0], where).toBeUndefined();
          expect(text.match(rawJson)?.[0], where).toBeUndefined();
        }
        await screenshot(page, `40-walk-${user}-${size.width}`);
        await context.close();
      }
    }, 240_000);
  }

  it("on a phone: the desk's suggestions and duplicates stay in the screen, a request code on one line", async () => {
    const { context, page } = await signedIn(h, "operator");
    await page.setViewportSize({ width: 390, height: 844 });
    await opened(page, "/console/desk");
    await page
      .getByLabel("Nội dung yêu cầu")
      .fill("Xin hỏi lịch tiêm vắc xin mũi nhắc lại cho người trên 60 tuổi");
    await page
      .getByRole("button", { name: /^Dùng câu trả lời/ })
      .first()
      .waitFor();
    expect((await overflowAndWords(page)).overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "41-walk-desk-suggestions-390");
    await firstRequest(page, "/console/desk");
    const heading = await page.getByRole("heading", { level: 1 }).boundingBox();
    // One line of 22 px type, not one character a line (the code broke at every letter).
    expect(heading?.height ?? 999).toBeLessThan(40);
    // A required choice asks for it in Vietnamese, not by its bare label.
    await page.getByRole("button", { name: "Từ chối tiếp nhận" }).click();
    const dialog = page.getByRole("dialog");
    // As a person would: the reason's field is on screen before «Xác nhận» is pressed (a CI run
    // on 3 Dec 2026 pressed it and never saw the message; a screenshot is kept if it happens again).
    await dialog.getByLabel("Lý do", { exact: true }).waitFor();
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await dialog
      .getByText("Vui lòng chọn lý do", { exact: true })
      .waitFor()
      .catch(async (error: unknown) => {
        await screenshot(page, "41-walk-refuse-without-reason-FAILED");
        throw error;
      });
    await context.close();
  });

  it("at 800 and 1366 px: the desk's panels stay in the screen while the operator types", async () => {
    // Fifteenth session: a duplicate's one-line preview pushed its button out of the card and the
    // page scrolled sideways (733 px at 600, 1523 px at 1366).
    const { context, page } = await signedIn(h, "operator");
    for (const width of [800, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      await opened(page, "/console/desk");
      await page
        .getByLabel("Nội dung yêu cầu")
        .fill("Xin hỏi lịch tiêm vắc xin mũi nhắc lại cho người trên 60 tuổi");
      const merge = page.getByRole("button", { name: /^Gộp vào yêu cầu này/ }).first();
      await merge.waitFor();
      expect((await overflowAndWords(page)).overflow, `${width} px`).toBeLessThanOrEqual(0);
      const button = await merge.boundingBox();
      expect((button?.x ?? 9999) + (button?.width ?? 0), `${width} px`).toBeLessThanOrEqual(width);
      if (width === 800) {
        // Below 1200 px the side panels come under the form, as on a phone.
        const save = await page.getByRole("button", { name: /^Lưu yêu cầu/ }).boundingBox();
        const panel = await page.getByText("Gợi ý từ bộ câu hỏi").boundingBox();
        expect(panel?.y ?? 0).toBeGreaterThan(save?.y ?? 9999);
      }
      await screenshot(page, `41-walk-desk-typing-${width}`);
    }
    await context.close();
  });

  it("at 1366 px the desk's Q&A suggestions read as lines of text, their button under them", async () => {
    // Sixteenth session: the button beside each suggestion left its text about 130 px wide.
    const { context, page } = await signedIn(h, "operator");
    await page.setViewportSize({ width: 1366, height: 768 });
    await opened(page, "/console/desk");
    await page.getByLabel("Nội dung yêu cầu").fill("Tiêm mũi nhắc lại cách mũi 2 bao lâu?");
    const use = page.getByRole("button", { name: /^Dùng câu trả lời/ }).first();
    await use.waitFor();
    const title = await page.locator(".ant-list-item-meta-title").first().boundingBox();
    expect(title?.width ?? 0).toBeGreaterThan(350);
    const button = await use.boundingBox();
    expect(button?.y ?? 0).toBeGreaterThan((title?.y ?? 9999) + (title?.height ?? 0));
    await screenshot(page, "42-walk-desk-suggestions-1366");
    await context.close();
  });

  it("at 800 and 390 px the top bar stays on one line, its buttons still named", async () => {
    // Sixteenth session: it wrapped to two lines at 800 px and on a phone.
    const { context, page } = await signedIn(h, "leader");
    for (const size of [
      { width: 800, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      await opened(page, "/console/inbox");
      await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
      await page.getByRole("button", { name: "Đổi mật khẩu" }).waitFor();
      const header = await page.locator(".ant-layout-header").boundingBox();
      expect(header?.height, `${size.width} px`).toBeLessThanOrEqual(66);
      expect((await overflowAndWords(page)).overflow, `${size.width} px`).toBeLessThanOrEqual(0);
      await screenshot(page, `42-walk-top-bar-${size.width}`);
    }
    await context.close();
  });

  it("at 390 px the request page's tables read down the screen: obligations, slips, messages", async () => {
    // Twenty-fourth session: on a phone the obligations (392 px), the slips (900 px) and the
    // messages to the requester (800 px) scrolled sideways inside 323 px cards.
    const { context, page } = await signedIn(h, "focal");
    await page.setViewportSize({ width: 390, height: 844 });
    await firstRequest(page, "/console/inbox");
    await page.locator(".ant-card-head-title", { hasText: "Nghĩa vụ theo thời hạn" }).waitFor();
    await page.getByText("Sở Y tế").first().waitFor();
    const tables = page.locator(".ant-table-content, .ant-table-body");
    expect(await tables.count()).toBeGreaterThanOrEqual(2);
    const wide = await tables.evaluateAll((all) => all.map((t) => t.scrollWidth - t.clientWidth));
    expect(wide.filter((w) => w > 1)).toEqual([]);
    await screenshot(page, "46-walk-request-tables-390");
    await context.close();
  });

  for (const size of sizes) {
    it(`at ${size.width} px the slips are a panel like their neighbours: same left edge, a level-2 heading`, async () => {
      // Thirty-fifth session: «Phiếu chuyển» was a table with a bold title, not a card with a
      // heading: it stood left of the panels above and below it, and a screen reader could not jump to it.
      const { context, page } = await signedIn(h, "focal");
      await page.setViewportSize(size);
      await firstRequest(page, "/console/inbox");
      // Each panel's box and its name: the card's edge and the title's text (the table's sat 4 px left).
      const title = (name: string) => page.locator("#main").getByText(name, { exact: true }).first();
      const panel = (name: string) =>
        page
          .locator("#main .ant-card, #main .ant-table-wrapper")
          .filter({ has: page.getByText(name, { exact: true }) })
          .first();
      await panel("Phiếu chuyển").scrollIntoViewIfNeeded();
      const names = ["Nghĩa vụ theo thời hạn", "Phiếu chuyển", "Lịch sử xử lý"];
      const lefts = await Promise.all(
        names.map(async (name) => [
          name,
          Math.round((await panel(name).boundingBox())?.x ?? -1),
          Math.round((await title(name).boundingBox())?.x ?? -1),
        ]),
      );
      expect(lefts).toEqual(names.map((name) => [name, lefts[0]?.[1], lefts[0]?.[2]]));
      await page.getByRole("heading", { level: 2, name: "Phiếu chuyển", exact: true }).waitFor();
      await screenshot(page, `47-walk-request-slips-${size.width}`);
      await context.close();
    });
  }

  it("at 390 px the lists read down the screen: no table scrolls sideways, each row's buttons in view", async () => {
    // Nineteenth session: the administered lists, the focal point's Q&A, mass events and the logs
    // were 900–1,100 px wide tables on a phone, their state and buttons off the right edge.
    const lists: [string, string[]][] = [
      ["admin", ["/console/admin/users", "/console/admin/agencies", "/console/admin/fields"]],
      ["focal", ["/console/kb"]],
      // Twenty-fourth session: the board's load by agency (600 px), slips held up (371 px) and
      // missed obligations by agency (430 px), and the data-subject requests (389 px), in a 323 px card.
      [
        "coordinator",
        [
          "/console/mass-events",
          "/console/admin/audit",
          "/console/admin/access-log",
          "/console/board",
          "/console/data-requests",
        ],
      ],
    ];
    for (const [user, paths] of lists) {
      const { context, page } = await signedIn(h, user);
      await page.setViewportSize({ width: 390, height: 844 });
      for (const path of paths) {
        await opened(page, path);
        await page.locator(".ant-table").first().waitFor();
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll(".ant-table-content, .ant-table-body")].map(
            (t) => t.scrollWidth - t.clientWidth,
          ),
        );
        expect({ path, wide: wide.filter((w) => w > 1) }).toEqual({ path, wide: [] });
        // Thirty-fourth session: «Thao tác» (a row's buttons, kept beside the stacked cell) broke
        // onto two lines on the mass events (an ended event has no buttons) and the fields.
        expect({ path, wrapped: await wrappedHeaders(page) }).toEqual({ path, wrapped: [] });
      }
      if (user === "coordinator") {
        // Thirty-third session: the report's mass events of the period (760 px) scrolled sideways in
        // its card, the period column cut; the report's other tables scroll as designed (reports.test.ts).
        await opened(page, "/console/reports");
        const figures = page.locator(".ant-table-wrapper", { hasText: "Sự kiện diện rộng trong kỳ" });
        await figures.locator(".ant-table").waitFor();
        const wide = await figures
          .locator(".ant-table-content, .ant-table-body")
          .evaluateAll((all) => all.map((t) => t.scrollWidth - t.clientWidth));
        expect(wide.filter((w) => w > 1)).toEqual([]);
      }
      if (user === "admin") {
        await opened(page, "/console/admin/users");
        const row = page.locator(".ant-table-row", { hasText: "operator" }).first();
        await expect.poll(() => row.textContent()).toMatch(/Vai trò: Cán bộ trực/);
        const edit = await row.getByRole("button", { name: "Sửa" }).boundingBox();
        expect((edit?.x ?? 999) + (edit?.width ?? 0)).toBeLessThanOrEqual(390);
        await screenshot(page, "43-walk-users-390");
      }
      await context.close();
    }
  });

  it("the desk checks the requester's details itself, in Vietnamese, by the button and by Ctrl+Enter", async () => {
    // Twentieth session: an email without «@» stopped the button with the browser's own bubble (in
    // the browser's language) yet was saved by Ctrl+Enter; a 201-character name came back as a
    // bare «Dữ liệu không hợp lệ.»; a phone «12abc» was saved; an empty content said «Nội dung yêu cầu».
    const { context, page } = await signedIn(h, "operator");
    await page.setViewportSize({ width: 390, height: 844 });
    const posted: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/api/v1/requests")) posted.push(r.url());
    });
    await opened(page, "/console/desk");
    const save = page.getByRole("button", { name: /^Lưu yêu cầu/ });
    await save.click();
    await page.getByText("Vui lòng nhập nội dung yêu cầu", { exact: true }).waitFor();
    await page.getByLabel("Số điện thoại").fill("12abc");
    await page.getByLabel("Họ và tên").fill("A".repeat(201));
    await page.getByLabel("Thư điện tử").fill("not-an-email");
    await page.getByLabel("Nội dung yêu cầu").fill("Xin hỏi lịch tiêm vắc xin cho trẻ em lớp 1");
    const messages = [
      "Số điện thoại chỉ gồm chữ số (ví dụ 0912 345 678)",
      "Tối đa 200 ký tự",
      "Địa chỉ thư điện tử không hợp lệ",
    ];
    for (const press of [
      () => save.click(),
      () => page.getByLabel("Nội dung yêu cầu").press("Control+Enter"),
    ]) {
      await press();
      for (const text of messages) await page.getByText(text, { exact: true }).waitFor();
    }
    await screenshot(page, "44-walk-desk-bad-input-390");
    expect(posted).toEqual([]);
    // Corrected, it saves; an empty email is still allowed.
    await page.getByLabel("Số điện thoại").fill("+84 912 345 678");
    await page.getByLabel("Họ và tên").fill("Nguyễn Văn An");
    await page.getByLabel("Thư điện tử").fill("");
    await save.click();
    await page.getByText(/^Đã lưu yêu cầu \d{4}-/).waitFor();
    expect(posted).toHaveLength(1);
    await context.close();
  });

  it("at 390 px the sign-in page does not scroll sideways", async () => {
    // Twentieth session: the card kept its 380 px in an auto grid column, 6 px past the screen.
    const context = await h.browser.newContext({ baseURL: h.baseUrl, locale: "vi-VN" });
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/console/login");
    await page.getByRole("button", { name: "Đăng nhập" }).waitFor();
    expect((await overflowAndWords(page)).overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "44-walk-login-390");
    await context.close();
  });

  for (const size of sizes) {
    it(`at ${size.width} px the request page shows what the request is on its first screen, above the actions`, async () => {
      // Twentieth session: who asked, what and the deadline came last, under the actions, the
      // duplicates, the obligations and the internal notes (about 1,100 px down at 1366 px).
      const { context, page } = await signedIn(h, "operator");
      await page.setViewportSize(size);
      await firstRequest(page, "/console/desk");
      const content = page.locator(".ant-descriptions-item-label", { hasText: "Nội dung" }).first();
      const actions = page.locator(".ant-card-head-title", { hasText: "Thao tác" }).first();
      const [contentBox, actionsBox] = [await content.boundingBox(), await actions.boundingBox()];
      expect(contentBox, "the request's content").not.toBeNull();
      expect(actionsBox, "the actions").not.toBeNull();
      expect(contentBox?.y ?? 0).toBeLessThan(actionsBox?.y ?? 0);
      expect(contentBox?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(size.height);
      await screenshot(page, `45-walk-request-page-${size.width}`);
      await context.close();
    });
  }
  it("at 1366 px a long requester name takes two lines of the desk's queue, not a column of its own", async () => {
    // Twenty-seventh session: the requester column (150 px) showed the whole name, so an
    // organisation's full name (the portal takes 200 characters) made one row 200+ px tall while
    // the content beside it stops at two lines.
    const { context, page } = await signedIn(h, "operator");
    await page.setViewportSize({ width: 1366, height: 768 });
    const name =
      "Hợp tác xã Dịch vụ Nông nghiệp và Tiêu thụ Nông sản An toàn xã Quảng Phú, tỉnh Thanh Hóa – Ban quản trị cùng các thành viên góp vốn";
    const { code } = await createRequest(context, {
      channel: "phone",
      requester: { kind: "organisation", fullName: name, phone: "0987 222 444", address: "Xã Quảng Phú" },
      content: "Xin hỏi thủ tục đăng ký vận chuyển nông sản đi các tỉnh phía Bắc.",
      field: "giao-thong-thuong-mai-an-ninh",
    });
    await opened(page, "/console/desk");
    const row = page.locator(".ant-table-row", { hasText: code });
    await row.waitFor();
    const height = (await row.boundingBox())?.height ?? Number.POSITIVE_INFINITY;
    await screenshot(page, "47-walk-desk-long-name-1366");
    expect(height).toBeLessThan(110);
    // The whole name is still there for whoever points at it.
    await row.getByText(/^Hợp tác xã/).hover();
    await page.getByRole("tooltip").filter({ hasText: name }).waitFor();
    await context.close();
  });
});
