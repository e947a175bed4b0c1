import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { durableDatabase } from "../../test/durable-database.js";
import { TestClock } from "../../test/harness.js";
import { buildApp } from "../app.js";
import { messengerText, postFacebookWebhook } from "../channels/testing/chat-webhooks.js";
import { startFakeGraph } from "../channels/testing/provider-servers.js";
import { testConfig } from "../config.js";
import type { AppContext } from "../context.js";
import { type Database, execRaw } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { seedReference } from "../db/seed/reference.js";
import { createLogger } from "../logger.js";
import { createServices } from "../services/index.js";
import { createInboundWorker } from "./inbound.worker.js";
import { createOutboxWorker } from "./outbox.worker.js";

const SECRET = "fault-test-secret";
const LEASE_MS = 120_000;

/** One server process: its own database connection, app, services and workers. */
async function boot(database: Database, clock: TestClock, graphUrl: string) {
  await migrate(database);
  const config = testConfig({
    FACEBOOK_APP_SECRET: SECRET,
    FACEBOOK_PAGE_TOKEN: "tok",
    FACEBOOK_GRAPH_URL: graphUrl,
  });
  const ctx: AppContext = { config, database, db: database.db, clock, logger: createLogger(config) };
  await seedReference(database.db);
  const services = createServices(ctx);
  const app = await buildApp(ctx, services);
  const outbox = createOutboxWorker(ctx, services.channelAdapters, {
    leaseMs: LEASE_MS,
    baseDelayMs: 5_000,
    maxDelayMs: 60_000,
  });
  const inbound = createInboundWorker(ctx, services.requests.intakeFromChannel);
  return { ctx, app, outbox, inbound };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

describe("outbox under a provider outage and a restart", () => {
  it("delivers every message exactly once after recovery", async () => {
    const graph = await startFakeGraph({ pageToken: "tok" });
    cleanups.push(() => graph.close());
    const store = await durableDatabase();
    cleanups.push(() => store.dispose());
    const clock = new TestClock();

    // Process A: five citizens write on Messenger while the Send API is down.
    const dbA = await store.open();
    const a = await boot(dbA, clock, graph.url);
    for (let i = 1; i <= 5; i++) {
      const body = messengerText({
        page: "page",
        psid: `psid-${i}`,
        mid: `m-${i}`,
        text: `Phản ánh số ${i}`,
        at: clock.now().getTime(),
      });
      const res = await postFacebookWebhook(a.app, SECRET, body);
      expect(res.statusCode).toBe(200);
    }
    await a.inbound.runOnce();
    graph.state.mode = "down";
    expect((await a.outbox.runOnce()).retried).toBe(5);
    expect(graph.state.delivered).toHaveLength(0);

    // The provider now accepts connections but never answers; A claims the rows and dies mid-call.
    clock.advance(70_000);
    graph.state.mode = "hang";
    const inFlight = a.outbox.runOnce().catch(() => undefined);
    await vi.waitFor(() => expect(graph.state.calls).toBeGreaterThanOrEqual(5 + 1), { timeout: 10_000 });
    await a.app.close();
    await dbA.close();

    // Process B on the same database: the rows A left "sending" wait for their lease.
    const dbB = await store.open();
    cleanups.push(() => dbB.close());
    const b = await boot(dbB, clock, graph.url);
    cleanups.push(() => b.app.close());
    graph.state.mode = "ok";
    const early = await b.outbox.runOnce();
    expect(early.sent).toBe(0);

    clock.advance(LEASE_MS + 1_000);
    await b.outbox.drain();
    clock.advance(LEASE_MS + 60_000);
    await b.outbox.drain();
    await graph.close(); // frees A's hung calls; A's late writes hit a closed database
    await inFlight;

    const mids = graph.state.delivered.map((d) => d.metadata);
    expect(mids).toHaveLength(5);
    expect(new Set(mids).size).toBe(5);
    expect(graph.state.delivered.map((d) => d.recipient).sort()).toEqual([
      "psid-1",
      "psid-2",
      "psid-3",
      "psid-4",
      "psid-5",
    ]);
    const statuses = await execRaw<{ status: string; n: number }>(
      b.ctx.db,
      sql`select status, count(*)::int as n from outbox group by status`,
    );
    expect(statuses).toEqual([{ status: "sent", n: 5 }]);

    // Another restart resends nothing.
    const c = await boot(dbB, clock, graph.url);
    cleanups.push(() => c.app.close());
    clock.advance(3_600_000);
    expect(await c.outbox.drain()).toEqual({ sent: 0, retried: 0, failed: 0, undeliverable: 0 });
  });
});
