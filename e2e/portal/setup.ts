import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Config } from "../../src/server/config.js";
import { requestActionPaths } from "../../src/shared/request-status.js";
import { type RequestDetail, requestListResponse } from "../../src/shared/schemas/requests.js";
import { createTestApp, type TestApp } from "../../src/test/harness.js";
import { json } from "../../src/test/http.js";
import { requestDriver } from "../../src/test/requests.js";
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
 * answer id, the only id the portal shows (never the follow code). Driven as every server test
 * drives requests (`requestDriver`: typed answers, anything unexpected fails with the body).
 */
export async function answerAndPublish(
  server: PortalServer,
  code: string,
  text: { answer: string },
): Promise<string> {
  const drive = requestDriver(server.t);
  const operator = await (await createStaffUser(server.t, { role: "operator" })).signIn();
  const focal = await (await createStaffUser(server.t, { role: "focal_point", agencyCode: "SYT" })).signIn();
  const found = await drive.get(operator, await findRequest(operator, code));
  const forwarded = await drive.actOk(operator, found, requestActionPaths.forward, {
    agencyId: await drive.agencyId("SYT"),
    transferAttempt: "failed",
  });
  const answered = await drive.actOk(focal, forwarded, requestActionPaths.record_answer, {
    answer: text.answer,
  });
  const published = await drive.actOk(focal, answered, requestActionPaths.publish);
  if (!published.publicId) throw new Error("published without a public id");
  return published.publicId;
}

/** The staff view of a request (attachments included), as an operator sees it in the console. */
export async function requestAsStaff(server: PortalServer, code: string): Promise<RequestDetail> {
  const operator = await (await createStaffUser(server.t, { role: "operator" })).signIn();
  return requestDriver(server.t).get(operator, await findRequest(operator, code));
}

/** The id of the request with this code, found by staff's search. */
async function findRequest(s: StaffSession, code: string): Promise<string> {
  const found = json(
    await s.inject({ url: `/api/v1/requests?q=${encodeURIComponent(code)}` }),
    requestListResponse,
  );
  const hit = found.items.find((r) => r.code === code);
  if (!hit) throw new Error(`request ${code} not found by staff`);
  return hit.id;
}
