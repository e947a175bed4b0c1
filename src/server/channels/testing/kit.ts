import { sql } from "drizzle-orm";
import { createTestApp, type TestAppOptions } from "../../../test/harness.js";
import { type LateOptions, madeBeforeAll, resolveOptions } from "../../../test/hooks.js";
import { execRaw } from "../../db/client.js";
import { createInboundWorker } from "../../jobs/inbound.worker.js";
import { createOutboxWorker } from "../../jobs/outbox.worker.js";

/** The whole server plus the channel workers, driven by hand: tests call runOnce, never sleep. */
export async function createChannelTestApp(options: TestAppOptions = {}) {
  const t = await createTestApp(options);
  const { services } = t;
  const intake = services.requests.intakeFromChannel;
  const adapters = services.channelAdapters;
  const outbox = createOutboxWorker(t.ctx, adapters, {
    baseDelayMs: 1_000,
    maxDelayMs: 60_000,
    live: services.live,
  });
  const inbound = createInboundWorker(t.ctx, intake);
  const count = async (table: "requests" | "channel_inbound" | "outbox" | "attachments"): Promise<number> => {
    const rows = await execRaw<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from ${sql.identifier(table)}`,
    );
    return rows[0]?.n ?? 0;
  };
  const outboxRows = () =>
    execRaw<{
      id: number;
      channel: string;
      recipient: string;
      kind: string;
      status: string;
      attempts: number;
      body: string;
      last_error: string | null;
    }>(
      t.ctx.db,
      sql`select id, channel, recipient, kind, status, attempts, body, last_error from outbox order by id`,
    );
  const requests = () =>
    execRaw<{ id: string; code: string; channel: string; status: string; content: string }>(
      t.ctx.db,
      sql`select id, code, channel, status, content from requests order by created_at, code`,
    );
  const messageEvents = (requestId: string) =>
    execRaw<{ kind: string; data: Record<string, unknown> }>(
      t.ctx.db,
      sql`select kind, data from events where request_id = ${requestId} and kind = 'message_received' order by id`,
    );
  return { ...t, services, intake, adapters, outbox, inbound, count, outboxRows, requests, messageEvents };
}

export type ChannelTestApp = Awaited<ReturnType<typeof createChannelTestApp>>;

/**
 * `createChannelTestApp(options)` for one test file (or describe block), closed after it; options
 * as a function when they name servers the file starts first (`FACEBOOK_GRAPH_URL: graph.url`).
 */
export function useChannelTestApp(options: LateOptions<TestAppOptions> = {}): ChannelTestApp {
  return madeBeforeAll(
    async () => createChannelTestApp(await resolveOptions(options)),
    (t) => t.close(),
  );
}
