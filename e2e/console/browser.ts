import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import type { z } from "zod";
import { ensureBuilt } from "../../scripts/prepare.mjs";
import { agencyTable } from "../../src/server/db/repositories/agency.repository.js";
import { type RequestAction, requestActionPaths } from "../../src/shared/request-status.js";
import {
  type actionBodies,
  type createRequestBody,
  type RequestDetail,
  requestDetail,
} from "../../src/shared/schemas/requests.js";
import { createTestApp, type TestApp, type TestAppOptions } from "../../src/test/harness.js";
import { type LateOptions, madeBeforeAll, resolveOptions } from "../../src/test/hooks.js";
import { launchChromium } from "../browser.js";

export { SCREENSHOTS, screenshot, seriousViolations, settled } from "../browser.js";

/** Builds the console when dist/console is missing or older than its sources (as `npm start` does). */
export async function ensureConsoleBuilt(): Promise<void> {
  ensureBuilt();
}

/** 09:00 (UTC+7) on the first Monday after `from`. */
export function nextWorkingMonday(from: Date): Date {
  const vn = new Date(from.getTime() + 7 * 3_600_000);
  const days = (8 - vn.getUTCDay()) % 7 || 7;
  const monday = Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate() + days, 9 - 7);
  return new Date(monday);
}

/** Opens `path` and waits until its heading is there and nothing is loading any more. */
export async function opened(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.waitForFunction(() => !document.querySelector(".ant-spin-spinning, .ant-skeleton"));
}

/**
 * Chooses in a searchable select as a person does: types, waits until the list shows an option,
 * then takes the first with Enter. Enter pressed before the options arrive (their query still
 * under way on a loaded machine) chooses nothing — which failed the lifecycle test in a CI run.
 */
export async function choose(select: Locator, typed: string): Promise<void> {
  await select.fill(typed);
  const listed = select
    .page()
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option");
  await listed.first().waitFor();
  await select.press("Enter");
}

/** A date as the console's date picker takes it (DD/MM/YYYY HH:mm, Vietnam time). */
export function pickerText(instant: Date): string {
  const vn = new Date(instant.getTime() + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(vn.getUTCDate())}/${two(vn.getUTCMonth() + 1)}/${vn.getUTCFullYear()} ${two(vn.getUTCHours())}:${two(vn.getUTCMinutes())}`;
}

export interface ConsoleHarness {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The real server on a fresh demo database, listening on a free port, and Debian's Chromium.
 * `config` adds settings (e.g. IMAP_URL/SMTP_URL pointed at local test servers).
 */
export async function startConsole(
  config: Omit<TestAppOptions, "seed" | "now"> = {},
): Promise<ConsoleHarness> {
  await ensureConsoleBuilt();
  // The browser drops cookies that expire before its own (real) clock: run the server on the next
  // Monday 09:00 in Vietnam, a working morning after today, so sessions and deadlines are real; the
  // demo data is seeded at that time too, so its deadlines read as in real use.
  const t = await createTestApp({ ...config, seed: "demo", now: nextWorkingMonday(new Date()) });
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  const address = t.app.server.address();
  if (address === null || typeof address === "string") throw new Error("server has no TCP address");
  const browser = await launchChromium();
  return {
    t,
    baseUrl: `http://127.0.0.1:${address.port}`,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/**
 * A test file's console (startConsole), made in beforeAll and closed in afterAll (madeBeforeAll):
 * read it inside tests and hooks, never at collection time. `config` may be a function, called in
 * beforeAll, when it names stand-ins the file starts first (`CTI_ADAPTER_URL: adapter.url`).
 */
export function useConsole(config: LateOptions<Omit<TestAppOptions, "seed" | "now">> = {}): ConsoleHarness {
  return madeBeforeAll(
    async () => startConsole(await resolveOptions(config)),
    (h) => h.close(),
  );
}

/** A browser session signed in through the API (POST /api/v1/auth/login), as every browser test does. */
export async function signedIn(
  h: ConsoleHarness,
  username: string,
  /** The browser's own time zone (e.g. "UTC" for a machine not set to Vietnam's); Vietnam's by default. */
  timezoneId = "Asia/Ho_Chi_Minh",
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({
    baseURL: h.baseUrl,
    locale: "vi-VN",
    timezoneId,
    viewport: { width: 1440, height: 900 },
  });
  const response = await context.request.post("/api/v1/auth/login", {
    data: { username, password: "demo1022" },
  });
  if (!response.ok())
    throw new Error(`sign-in as ${username}: ${response.status()} ${await response.text()}`);
  // Generous: CI runs these beside the rest of the suite on two cores.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

/** The CSRF token of a signed-in browser context, for seeding through the API. */
export async function csrfOf(context: BrowserContext): Promise<string> {
  const me = await context.request.get("/api/v1/auth/me");
  const body: { csrfToken: string } = await me.json();
  return body.csrfToken;
}

/**
 * Files a request through the API (POST /api/v1/requests) as the signed-in context, as the desk
 * does, and returns it as the server presents it; anything but 201 fails the test with the answer.
 */
export async function createRequest(
  context: BrowserContext,
  body: z.input<typeof createRequestBody>,
): Promise<RequestDetail> {
  const created = await context.request.post("/api/v1/requests", {
    headers: { "x-csrf-token": await csrfOf(context) },
    data: body,
  });
  if (created.status() !== 201)
    throw new Error(`POST /api/v1/requests: ${created.status()} ${await created.text()}`);
  return requestDetail.parse(await created.json());
}

/**
 * Takes an action on a request through the API (POST /api/v1/requests/{id}/actions/{action}) as the
 * signed-in context, at the request's current version, and returns the request as it then is;
 * anything but 200 fails the test with the answer.
 */
export async function act<A extends RequestAction>(
  context: BrowserContext,
  request: Pick<RequestDetail, "id" | "version">,
  action: A,
  body: Omit<z.input<(typeof actionBodies)[A]>, "version">,
): Promise<RequestDetail> {
  const path = `/api/v1/requests/${request.id}/actions/${requestActionPaths[action]}`;
  const response = await context.request.post(path, {
    headers: { "x-csrf-token": await csrfOf(context) },
    data: { ...body, version: request.version },
  });
  if (response.status() !== 200)
    throw new Error(`POST ${path}: ${response.status()} ${await response.text()}`);
  return requestDetail.parse(await response.json());
}

/** How a request is forwarded: the agency by its code (Sở Y tế unless told) and the slip's details. */
export type Forwarding = Omit<z.input<typeof actionBodies.forward>, "version" | "agencyId"> & {
  agencyCode?: string;
};

/** Forwards a request to an agency through the API as the signed-in context (the operator). */
export async function forwardRequest(
  h: ConsoleHarness,
  context: BrowserContext,
  request: Pick<RequestDetail, "id" | "version">,
  { agencyCode = "SYT", ...slip }: Forwarding = {},
): Promise<RequestDetail> {
  const agency = await agencyTable.findByCode(h.t.ctx.db, agencyCode);
  if (!agency) throw new Error(`no agency ${agencyCode} in the reference data`);
  return act(context, request, "forward", { ...slip, agencyId: agency.id });
}

/**
 * A new request as the agency receives it: the operator, in a session of its own closed after,
 * files it and forwards it (to Sở Y tế unless told); returns it as forwarded.
 */
export async function forwardedRequest(
  h: ConsoleHarness,
  body: z.input<typeof createRequestBody>,
  forwarding: Forwarding = {},
): Promise<RequestDetail> {
  const operator = await signedIn(h, "operator");
  const created = await createRequest(operator.context, body);
  const forwarded = await forwardRequest(h, operator.context, created, forwarding);
  await operator.context.close();
  return forwarded;
}

/**
 * The request a publication test starts from: Đỗ Thị Hạnh calls 1022 (from `phone`) with a health
 * question, and the operator puts the call through to Sở Y tế (transfer connected) as it forwards.
 */
export function healthCallPutThrough(
  h: ConsoleHarness,
  phone: string,
  content: string,
): Promise<RequestDetail> {
  return forwardedRequest(
    h,
    {
      channel: "phone",
      requester: { fullName: "Đỗ Thị Hạnh", phone },
      content,
      field: "y-te-xet-nghiem-tiem-phong",
    },
    { transferAttempt: "connected" },
  );
}

/**
 * Opens the administrator's «Thêm» dialog of users and fills who the new account is (the role by
 * the words of its label); returns the dialog for the rest of the form and its «Lưu».
 */
export async function addUserDialog(
  page: Page,
  user: { username: string; fullName: string; password: string; role: string },
): Promise<Locator> {
  await page.goto("/console/admin/users");
  await page.getByRole("heading", { name: "Người dùng và vai trò" }).waitFor();
  await page.getByRole("button", { name: "Thêm" }).click();
  const dialog = page.getByRole("dialog", { name: "Thêm người dùng" });
  await dialog.getByLabel("Tên đăng nhập").fill(user.username);
  await dialog.getByLabel("Họ và tên").fill(user.fullName);
  await dialog.getByLabel("Mật khẩu ban đầu").fill(user.password);
  await choose(dialog.getByLabel("Vai trò"), user.role);
  return dialog;
}
