import { afterAll, describe, expect, it, vi } from "vitest";
import { requestDetail } from "../../shared/schemas/requests.js";
import { durableDatabase } from "../../test/durable-database.js";
import { TestClock } from "../../test/harness.js";
import { json } from "../../test/http.js";
import { signIn } from "../../test/staff.js";
import { buildApp } from "../app.js";
import { startFakeSmsGateway } from "../channels/testing/sms-gateway.js";
import { testConfig } from "../config.js";
import type { AppContext } from "../context.js";
import type { Database } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { seedReference } from "../db/seed/reference.js";
import { seedDemo } from "../demo/seed.js";
import { createLogger } from "../logger.js";
import { createServices } from "../services/index.js";
import { createOutboxWorker } from "./outbox.worker.js";

const API_KEY = "sms-key";
const LEASE_MS = 120_000;

/** One server process on a database that outlives it. */
async function boot(database: Database, clock: TestClock, gatewayUrl: string, first: boolean) {
  await migrate(database);
  const config = testConfig({ SMS_GATEWAY_URL: gatewayUrl, SMS_API_KEY: API_KEY });
  const ctx: AppContext = { config, database, db: database.db, clock, logger: createLogger(config) };
  await seedReference(database.db);
  const services = createServices(ctx);
  if (first) await seedDemo(ctx, { services, seeders: [] });
  const app = await buildApp(ctx, services);
  await app.ready();
  const outbox = createOutboxWorker(ctx, services.channelAdapters, {
    leaseMs: LEASE_MS,
    baseDelayMs: 5_000,
    maxDelayMs: 60_000,
  });
  return { ctx, app, outbox };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

describe("the SMS acknowledgement of a phone request across a restart", () => {
  it("reaches the caller exactly once", async () => {
    const gateway = await startFakeSmsGateway({ apiKey: API_KEY });
    cleanups.push(() => gateway.close());
    const store = await durableDatabase("smsfault");
    cleanups.push(() => store.dispose());
    const clock = new TestClock();
    clock.set("2026-03-10T09:00:00+07:00");

    // Process A: the operator records a call; the gateway takes the send and never answers; A dies.
    const dbA = await store.open();
    const a = await boot(dbA, clock, gateway.url, true);
    const operator = await signIn(a.app, "operator");
    const created = await operator.inject({
      method: "POST",
      url: "/api/v1/requests",
      payload: {
        channel: "phone",
        requester: { fullName: "Lê Thị Hoa", phone: "0912 345 678" },
        content: "Hỏi lịch tiêm vắc xin cho trẻ em dưới 12 tuổi ở phường.",
      },
    });
    const request = json(created, requestDetail, 201);
    gateway.state.mode = "hang";
    const inFlight = a.outbox.runOnce().catch(() => undefined);
    await vi.waitFor(() => expect(gateway.state.calls).toBe(1), { timeout: 10_000 });
    await a.app.close();
    await dbA.close();

    // Process B on the same database: the row A left "sending" waits for its lease, then goes once.
    const dbB = await store.open();
    cleanups.push(() => dbB.close());
    const b = await boot(dbB, clock, gateway.url, false);
    cleanups.push(() => b.app.close());
    gateway.state.mode = "ok";
    expect((await b.outbox.runOnce()).sent).toBe(0);
    clock.advance(LEASE_MS + 1_000);
    expect((await b.outbox.drain()).sent).toBe(1);
    await gateway.close(); // frees A's hung call; its late write hits a closed database
    await inFlight;

    expect(gateway.state.accepted).toBe(1);
    expect(gateway.state.delivered).toHaveLength(1);
    expect(gateway.state.delivered[0]).toMatchObject({ phone: "84912345678" });
    expect(gateway.state.delivered[0]?.content).toContain(request.code);

    // Another restart sends nothing more.
    const c = await boot(dbB, clock, gateway.url, false);
    cleanups.push(() => c.app.close());
    clock.advance(3_600_000);
    expect(await c.outbox.drain()).toEqual({ sent: 0, retried: 0, failed: 0, undeliverable: 0 });
    expect(gateway.state.accepted).toBe(1);
  });
});
