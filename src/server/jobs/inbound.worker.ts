import { errorText, type IntakeFn } from "../channels/channel.js";
import type { AppContext } from "../context.js";
import { touchContact } from "../db/repositories/channel.repository.js";
import { claimInbound, finishInbound, retryInbound } from "../db/repositories/inbound.repository.js";
import type { QueuedIntake } from "../services/channel.service.js";
import { backoffMs, createJobLoop } from "./loop.js";

export interface InboundWorkerOptions {
  intervalMs?: number;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
}

/**
 * Processes webhook events the routes stored (they answered 200 at once): moves the requester's
 * messaging window, then opens or continues a request. Intake dedupes on the provider message id,
 * so an event processed twice after a crash still makes one request.
 */
export function createInboundWorker(ctx: AppContext, intake: IntakeFn, options: InboundWorkerOptions = {}) {
  const o = { intervalMs: 500, batchSize: 20, leaseMs: 60_000, maxAttempts: 10, ...options };

  async function runOnce(): Promise<{ done: number; failed: number }> {
    const rows = await claimInbound(ctx.db, ctx.clock.now(), o.leaseMs, o.batchSize);
    let done = 0;
    let failed = 0;
    for (const row of rows) {
      const queued = row.payload as unknown as QueuedIntake;
      const receivedAt = new Date(queued.receivedAt);
      try {
        await touchContact(
          ctx.db,
          queued.channel,
          queued.identity.externalId,
          receivedAt,
          queued.externalRef,
        );
        const result = await intake({ ...queued, receivedAt });
        await finishInbound(ctx.db, row.id, ctx.clock.now(), result.requestId);
        done++;
      } catch (error) {
        const giveUp = row.attempts >= o.maxAttempts;
        const at = new Date(ctx.clock.now().getTime() + backoffMs(row.attempts, 5_000, 600_000));
        await retryInbound(ctx.db, row.id, at, errorText(error), giveUp);
        ctx.logger.warn(
          { inboundId: row.id, channel: row.channel, err: errorText(error) },
          "inbound event postponed",
        );
        failed++;
      }
    }
    return { done, failed };
  }

  const loop = createJobLoop(
    async () => {
      for (let i = 0; i < 50; i++) {
        const pass = await runOnce();
        if (pass.done + pass.failed < o.batchSize) break;
      }
    },
    o.intervalMs,
    (error) => ctx.logger.error({ err: errorText(error) }, "inbound pass failed"),
  );

  return { runOnce, start: () => loop.start(), stop: () => loop.stop() };
}

export type InboundWorker = ReturnType<typeof createInboundWorker>;
