import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Config } from "../../src/server/config.js";
import type { RequestDetail, RequestSummary } from "../../src/shared/schemas/requests.js";
import { createTestApp, type TestApp } from "../../src/test/harness.js";
import { createStaffUser, type StaffSession } from "../../src/test/staff.js";
import { launchChromium, screenshot as saveScreenshot } from "../browser.js";

export { SCREENSHOTS } from "../browser.js";
/** The phone the issue asks for: a 390×844 viewport. */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

export interface PortalServer {
  t: TestApp;
  baseURL: string;
  close(): Promise<void>;
}

/** The real server, in-process on 127.0.0.1 with an ephemeral port and a fresh database. */
export async function startServer(overrides: Partial<Config> = {}): Promise<PortalServer> {
  const t = await createTestApp({ CAPTCHA: "on", ...overrides });
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = t.app.server.address() as AddressInfo;
  return { t, baseURL: `http://127.0.0.1:${port}`, close: () => t.close() };
}

/** Debian's Chromium, headless; never a downloaded browser. */
export const launchBrowser = launchChromium;

export async function phoneContext(
  browser: Browser,
  baseURL: string,
  javaScriptEnabled = true,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: PHONE_VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    javaScriptEnabled,
  });
  // Generous: CI runs these beside the rest of the suite on two cores.
  context.setDefaultTimeout(30_000);
  return context;
}

/** Portal screenshots carry a "portal-" prefix beside the console's in test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, `portal-${name}`);
}

/**
 * Staff answer and publish a request through the API (R-HA2, R-PU1): the operator forwards it to
 * the health department, whose focal point records the answer and publishes its own answer and the
 * requester's question as they are (Art. 12, 14.7; nothing to redact here). Returns the public
 * answer id, the only id the portal shows (never the follow code).
 */
export async function answerAndPublish(
  server: PortalServer,
  code: string,
  text: { answer: string },
): Promise<string> {
  const operator = await (await createStaffUser(server.t, { role: "operator" })).signIn();
  const focal = await (await createStaffUser(server.t, { role: "focal_point", agencyCode: "SYT" })).signIn();
  const { id } = await findRequest(operator, code);
  const agencies = (await call(operator, "GET", "/api/v1/agencies?q=SYT")) as {
    items: { id: string; code: string }[];
  };
  const agencyId = agencies.items.find((a) => a.code === "SYT")?.id;
  if (!agencyId) throw new Error("agency SYT not found");
  let detail = (await call(operator, "GET", `/api/v1/requests/${id}`)) as { version: number };
  detail = (await call(operator, "POST", `/api/v1/requests/${id}/actions/forward`, {
    version: detail.version,
    agencyId,
    transferAttempt: "failed",
  })) as { version: number };
  detail = (await call(focal, "POST", `/api/v1/requests/${id}/actions/record-answer`, {
    version: detail.version,
    answer: text.answer,
  })) as { version: number };
  const published = (await call(focal, "POST", `/api/v1/requests/${id}/actions/publish`, {
    version: detail.version,
  })) as { publicId: string | null };
  if (!published.publicId) throw new Error("published without a public id");
  return published.publicId;
}

/** The staff view of a request (attachments included), as an operator sees it in the console. */
export async function requestAsStaff(server: PortalServer, code: string): Promise<RequestDetail> {
  const operator = await (await createStaffUser(server.t, { role: "operator" })).signIn();
  const { id } = await findRequest(operator, code);
  return (await call(operator, "GET", `/api/v1/requests/${id}`)) as RequestDetail;
}

async function findRequest(s: StaffSession, code: string): Promise<{ id: string }> {
  const found = (await call(s, "GET", `/api/v1/requests?q=${encodeURIComponent(code)}`)) as {
    items: RequestSummary[];
  };
  const hit = found.items.find((r) => r.code === code);
  if (!hit) throw new Error(`request ${code} not found by staff`);
  return hit;
}

async function call(
  s: StaffSession,
  method: "GET" | "POST",
  url: string,
  payload?: object,
): Promise<unknown> {
  const res = await s.inject({ method, url, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
}
