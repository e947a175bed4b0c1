import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { durableDatabase } from "../../test/durable-database.js";
import { TestClock } from "../../test/harness.js";
import { requestDriver } from "../../test/requests.js";
import { signIn } from "../../test/staff.js";
import { buildApp } from "../app.js";
import { testConfig } from "../config.js";
import type { AppContext } from "../context.js";
import type { Database } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { seedReference } from "../db/seed/reference.js";
import { seedDemo } from "../demo/seed.js";
import { createLogger } from "../logger.js";
import { createServices } from "../services/index.js";
import { createOutboxWorker } from "./outbox.worker.js";

/**
 * Outbound webhooks (issue 17): a receiver on 127.0.0.1 (a real HTTP server, the integrator's
 * side) gets every subscribed event exactly once across a server restart, signed so that the
 * verification documented in docs/open311.md accepts it and detects a forgery.
 */

/** The verification from docs/open311.md, as an integrator would write it (node:crypto only). */
function verifyWebhook(
  secret: string,
  headers: IncomingHttpHeaders,
  rawBody: string,
  nowSeconds: number,
): boolean {
  const timestamp = String(headers["x-webhook-timestamp"] ?? "");
  const signature = String(headers["x-webhook-signature"] ?? "");
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
  /** The receiver's clock (the test clock, in seconds) when the delivery arrived. */
  at: number;
}

/** The integrator: records every POST; answers 503 to the first `failFirst` calls. */
async function startReceiver(nowSeconds: () => number, failFirst = 0) {
  const received: Received[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      calls++;
      if (calls <= failFirst) {
        res.writeHead(503).end();
        return;
      }
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        path: req.url ?? "",
        at: nowSeconds(),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One server process: its own connection, services, app and outbox worker. */
async function boot(database: Database, clock: TestClock, first: boolean) {
  await migrate(database);
  const config = testConfig({});
  const ctx: AppContext = { config, database, db: database.db, clock, logger: createLogger(config) };
  const services = createServices(ctx);
  if (first) {
    await seedReference(database.db);
    await seedDemo(ctx, { services, seeders: [] });
  }
  const app = await buildApp(ctx, services);
  await app.ready();
  const outbox = createOutboxWorker(ctx, services.outboxDeliverers, {
    baseDelayMs: 1_000,
    maxDelayMs: 10_000,
  });
  return { ctx, app, outbox, close: () => app.close() };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

describe("outbound webhooks through the outbox", () => {
  it("each event reaches the receiver exactly once across a restart, signed; a forgery is detected", async () => {
    const clock = new TestClock(new Date("2026-03-10T09:00:00+07:00"));
    const receiver = await startReceiver(() => Math.floor(clock.now().getTime() / 1000), 1);
    cleanups.push(() => receiver.close());
    const store = await durableDatabase("webhooks");
    cleanups.push(() => store.dispose());

    // Process A: an administrator subscribes two receivers; staff work on two requests.
    const dbA = await store.open();
    const a = await boot(dbA, clock, true);
    const admin = await signIn(a.app, "admin");
    const subscribe = async (payload: Record<string, unknown>) => {
      const res = await admin.inject({ method: "POST", url: "/api/v1/admin/webhooks", payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; secret: string };
    };
    const all = await subscribe({
      name: "Ứng dụng thành phố",
      url: `${receiver.url}/all`,
      events: [
        "request.received",
        "request.forwarded",
        "request.answered",
        "request.published",
        "request.closed",
      ],
    });
    const pii = await subscribe({
      name: "Cổng DVC (được cấp dữ liệu cá nhân)",
      url: `${receiver.url}/pii`,
      events: ["request.received"],
      personalData: true,
    });
    expect(all.secret).toMatch(/^whsec_/);
    const listed = await admin.inject({ method: "GET", url: "/api/v1/admin/webhooks" });
    expect(listed.body).not.toContain(all.secret);

    const operator = await signIn(a.app, "operator");
    const drive = requestDriver({ ...a, clock, services: undefined as never, close: a.close });
    const contact = {
      fullName: "Trịnh Văn Khải",
      phone: "0913 222 333",
      address: "Số 9 Bà Triệu, phường Hạc Thành",
    };
    const r1 = await drive.create(operator, {
      content: "Tổng đài 1022 làm việc vào những giờ nào trong tuần?",
      requester: contact,
    });
    const k = await drive.actOk(operator, r1, "answer-from-kb", {
      answer: "Từ 7 giờ đến 17 giờ các ngày làm việc.",
    });
    // A delivers what is due so far: the first attempt meets a 503 and is retried with back-off.
    const firstPass = await a.outbox.drain();
    expect(firstPass.retried).toBeGreaterThanOrEqual(1);
    // The log names the kind of failure beside the receiver's answer (docs/channels.md, 5 Dec 2026).
    const waiting = [];
    for (const sub of [all, pii]) {
      const log = await admin.inject({ method: "GET", url: `/api/v1/admin/webhooks/${sub.id}/deliveries` });
      waiting.push(...(log.json().items as { status: string }[]).filter((d) => d.status === "pending"));
    }
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    for (const d of waiting) expect(d).toMatchObject({ lastError: "HTTP 503", lastErrorReason: "provider" });
    clock.advance(5_000);
    await a.outbox.drain();
    const p = await drive.actOk(operator, k, "publish");
    await drive.actOk(operator, p, "close");
    const r2 = await drive.create(operator, {
      content: "Xin hỏi thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ?",
    });
    await drive.actOk(operator, r2, "forward", {
      agencyId: await drive.agencyId("SXD"),
      transferAttempt: "connected",
    });
    // A stops before delivering those: they wait in the outbox.
    await a.close();
    await dbA.close();

    // Process B on the same database: the outbox continues.
    const dbB = await store.open();
    cleanups.push(() => dbB.close());
    const b = await boot(dbB, clock, false);
    cleanups.push(() => b.close());
    clock.advance(60_000);
    await b.outbox.drain();
    clock.advance(60_000);
    await b.outbox.drain();

    const at = (p: string) => receiver.received.filter((r) => r.path === p);
    const events = (p: string) => at(p).map((r) => JSON.parse(r.body) as { id: number; event: string });
    const ids = events("/all").map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    // A retried delivery may arrive after later ones (no ordering promise): in event order —
    expect([...events("/all")].sort((x, y) => x.id - y.id).map((e) => e.event)).toEqual([
      "request.received",
      "request.answered",
      "request.published",
      "request.closed",
      "request.received",
      "request.forwarded",
    ]);
    expect(events("/pii").map((e) => e.event)).toEqual(["request.received", "request.received"]);
    // A third process resends nothing.
    const c = await boot(dbB, clock, false);
    cleanups.push(() => c.close());
    clock.advance(3_600_000);
    await c.outbox.drain();
    expect(receiver.received).toHaveLength(8);

    // Signed: the documented verification accepts every delivery with its subscription's secret.
    for (const r of at("/all")) expect(verifyWebhook(all.secret, r.headers, r.body, r.at)).toBe(true);
    for (const r of at("/pii")) expect(verifyWebhook(pii.secret, r.headers, r.body, r.at)).toBe(true);
    // …and detects a forgery: another secret, a changed body, a replayed old timestamp.
    const sample = at("/all")[0] as Received;
    const now = sample.at;
    const tampered = sample.body.replace(/"event": ?"[^"]+"/, '"event":"request.forged"');
    expect(tampered).not.toBe(sample.body);
    expect(verifyWebhook(pii.secret, sample.headers, sample.body, now)).toBe(false);
    expect(verifyWebhook(all.secret, sample.headers, tampered, now)).toBe(false);
    expect(verifyWebhook(all.secret, sample.headers, sample.body, now + 3_600)).toBe(false);
    const forged = { ...sample.headers, "x-webhook-signature": `sha256=${"0".repeat(64)}` };
    expect(verifyWebhook(all.secret, forged, sample.body, now)).toBe(false);

    // No personal data unless granted.
    for (const r of at("/all")) {
      for (const secret of [
        "Trịnh Văn Khải",
        "0913",
        "913222333",
        "Bà Triệu",
        "giờ nào trong tuần",
        r1.code,
      ]) {
        expect(r.body).not.toContain(secret);
      }
    }
    const granted = JSON.parse(at("/pii")[0]?.body ?? "{}");
    expect(granted.request.contact.name).toBe("Trịnh Văn Khải");
    expect(granted.request.code).toBe(r1.code);

    // The delivery log, and a manual redelivery (same payload, same event id, logged as its own).
    const adminB = await signIn(c.app, "admin");
    const log = await adminB.inject({ method: "GET", url: `/api/v1/admin/webhooks/${all.id}/deliveries` });
    expect(log.statusCode).toBe(200);
    const deliveries = log.json().items as { id: number; status: string; attempts: number; event: string }[];
    expect(deliveries).toHaveLength(6);
    expect(deliveries.every((d) => d.status === "sent")).toBe(true);
    expect(deliveries.some((d) => d.attempts === 2)).toBe(true);
    const last = deliveries[0] as { id: number };
    const again = await adminB.inject({
      method: "POST",
      url: `/api/v1/admin/webhooks/${all.id}/deliveries/${last.id}/redeliver`,
    });
    expect(again.statusCode, again.body).toBe(201);
    await c.outbox.drain();
    expect(receiver.received).toHaveLength(9);
    expect(at("/all").at(-1)?.body).toBe(at("/all").at(-2)?.body);
    const unknown = await adminB.inject({
      method: "POST",
      url: `/api/v1/admin/webhooks/${all.id}/deliveries/999999/redeliver`,
    });
    expect(unknown.statusCode).toBe(404);
    // Staff other than administrators cannot manage webhooks.
    const op = await signIn(c.app, "operator");
    expect((await op.inject({ method: "GET", url: "/api/v1/admin/webhooks" })).statusCode).toBe(403);
  });
});
