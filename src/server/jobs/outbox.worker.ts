import { type DeliveryResult, errorText } from "../channels/channel.js";
import type { OutboxDeliverer } from "../channels/webhook/webhook.deliverer.js";
import type { AppContext } from "../context.js";
import {
  type ClaimedOutboxRow,
  claimOutbox,
  markOutboxFinal,
  markOutboxRetry,
  markOutboxSent,
} from "../db/repositories/outbox-delivery.repository.js";
import type { LiveBus } from "../services/live-bus.js";
import { afterUnreached } from "../services/notify.js";
import { backoffMs, createJobLoop, type JobLoop } from "./loop.js";

export interface OutboxWorkerOptions {
  intervalMs?: number;
  batchSize?: number;
  /** How long a claimed row stays ours; longer than any provider call (15 s timeout). */
  leaseMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After this many attempts a transient failure becomes "failed" for staff to see. */
  maxAttempts?: number;
  /** Where staff told of an unreached requester are signalled, so their bell shows it at once. */
  live?: Pick<LiveBus, "publishNotified">;
}

export interface OutboxPassResult {
  sent: number;
  retried: number;
  failed: number;
  undeliverable: number;
}

/**
 * Delivers the outbox: claims due rows, hands each to its channel's adapter, records
 * the outcome. A provider outage only delays messages (retry with back-off); a restart resends
 * nothing already recorded as sent, and a row left "sending" by a dead process is retried only
 * after its lease expires.
 */
export function createOutboxWorker(
  ctx: AppContext,
  /** By outbox channel: the channel adapters, and the webhook deliverer (services.outboxDeliverers). */
  adapters: ReadonlyMap<string, OutboxDeliverer>,
  options: OutboxWorkerOptions = {},
) {
  const o = {
    intervalMs: 1_000,
    batchSize: 20,
    leaseMs: 120_000,
    baseDelayMs: 30_000,
    maxDelayMs: 3_600_000,
    maxAttempts: 15,
    ...options,
  };

  /**
   * The message will not reach the requester this way: recorded, and in the same transaction another
   * way is tried or staff are told (services/notify.ts) — only by the worker that still held the row;
   * those told are signalled once it commits.
   */
  async function final(row: ClaimedOutboxRow, status: "failed" | "undeliverable", error: string, now: Date) {
    const notified = await ctx.db.transaction(async (tx) =>
      (await markOutboxFinal(tx, row.id, status, error)) ? afterUnreached(tx, row, now) : null,
    );
    if (notified) o.live?.publishNotified(notified);
  }

  async function deliverOne(row: ClaimedOutboxRow): Promise<keyof OutboxPassResult> {
    const adapter = adapters.get(row.channel);
    const result: DeliveryResult = adapter
      ? await adapter
          .deliver({
            outboxId: row.id,
            requestId: row.request_id,
            requestCode: row.request_code,
            kind: row.kind,
            recipient: row.recipient,
            subject: row.subject,
            body: row.body,
            dedupeKey: row.dedupe_key ?? `outbox:${row.id}`,
          })
          .catch((error: unknown) => ({ status: "retry" as const, error: errorText(error) }))
      : { status: "failed" as const, error: `Không có kênh "${row.channel}".` };
    const now = ctx.clock.now();
    switch (result.status) {
      case "sent":
        await markOutboxSent(ctx.db, row.id, now, result.providerMessageId);
        return "sent";
      case "undeliverable":
      case "failed":
        await final(row, result.status, result.error, now);
        return result.status;
      case "retry":
        if (row.attempts >= o.maxAttempts) {
          await final(row, "failed", `Hết số lần thử (${row.attempts}): ${result.error}`, now);
          return "failed";
        }
        await markOutboxRetry(
          ctx.db,
          row.id,
          new Date(now.getTime() + backoffMs(row.attempts, o.baseDelayMs, o.maxDelayMs)),
          result.error,
        );
        // An unconfigured channel is said once at start-up (main.ts); its queued messages wait quietly.
        (result.unconfigured ? ctx.logger.debug : ctx.logger.warn).call(
          ctx.logger,
          { outboxId: row.id, channel: row.channel, attempts: row.attempts, error: result.error },
          result.unconfigured ? "delivery waits: channel not configured" : "delivery postponed",
        );
        return "retried";
    }
  }

  async function runOnce(): Promise<OutboxPassResult> {
    const totals: OutboxPassResult = { sent: 0, retried: 0, failed: 0, undeliverable: 0 };
    const rows = await claimOutbox(ctx.db, ctx.clock.now(), o.leaseMs, o.batchSize);
    for (const row of rows) totals[await deliverOne(row)]++;
    return totals;
  }

  /** Passes until nothing is due: what tests and a draining shutdown use. */
  async function drain(maxPasses = 100): Promise<OutboxPassResult> {
    const totals: OutboxPassResult = { sent: 0, retried: 0, failed: 0, undeliverable: 0 };
    for (let i = 0; i < maxPasses; i++) {
      const pass = await runOnce();
      for (const k of Object.keys(totals) as (keyof OutboxPassResult)[]) totals[k] += pass[k];
      if (pass.sent + pass.retried + pass.failed + pass.undeliverable === 0) break;
    }
    return totals;
  }

  const loop: JobLoop = createJobLoop(
    async () => {
      // Keep passing while full batches come back, so a backlog drains without waiting.
      for (let i = 0; i < 50; i++) {
        const pass = await runOnce();
        if (pass.sent + pass.retried + pass.failed + pass.undeliverable < o.batchSize) break;
      }
    },
    o.intervalMs,
    (error) => ctx.logger.error({ err: errorText(error) }, "outbox pass failed"),
  );

  return { runOnce, drain, start: () => loop.start(), stop: () => loop.stop() };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
