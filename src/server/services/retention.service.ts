import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { RetentionRecordType } from "../../shared/schemas/data-rights.js";
import { DAY_MS, formatVnIso, formatVnIsoOrNull, vnDateOf } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import { deleteUnlinkedCalls, dropCallRecordings } from "../db/repositories/call.repository.js";
import { deleteEventsOfNoCall } from "../db/repositories/cti-event.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { anonymiseRequests } from "../db/repositories/person-data.repository.js";
import {
  deleteAttachments,
  deleteInbound,
  deleteOutbox,
  deleteSessions,
  dropRecordings,
  findLegalHold,
  insertRetentionRun,
  lastRetentionRuns,
  listRetentionSettings,
  ranOn,
  requestsPastRetention,
  setLegalHold,
  updateRetentionSetting,
} from "../db/repositories/retention.repository.js";
import { erasableTerms } from "../domain/data-rights.js";
import { authorize } from "../policies/authorize.js";

const BATCH = 500;

const holdView = (row: {
  id: string;
  code: string;
  legal_hold_at: Date | null;
  legal_hold_reason: string | null;
}) => ({
  requestId: row.id,
  code: row.code,
  legalHoldAt: formatVnIsoOrNull(row.legal_hold_at),
  legalHoldReason: row.legal_hold_reason,
});

/**
 * Retention of personal data per record type (PDP Law 91/2025: kept no longer than needed): the
 * periods are stored configuration edited by administrators; a daily job anonymises finished
 * requests past their period and deletes recordings' links, attachments, sent messages, processed
 * inbound messages and expired sessions past theirs, and records what it did (retention_runs and an
 * event). A legal hold on a request, set by the coordinator, stops all of it for that request.
 */
export function createRetentionService(ctx: AppContext) {
  async function settingsView() {
    const [settings, runs] = await Promise.all([listRetentionSettings(ctx.db), lastRetentionRuns(ctx.db)]);
    return {
      settings: settings.map((s) => ({
        recordType: s.record_type,
        days: s.days,
        basis: s.basis,
        updatedAt: formatVnIso(s.updated_at),
      })),
      runs: runs.map((r) => ({
        id: r.id,
        ranAt: formatVnIso(r.ran_at),
        runDate: r.run_date,
        counts: r.counts,
      })),
    };
  }

  async function run(by: Actor | null): Promise<Record<string, number>> {
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const days = Object.fromEntries(
        (await listRetentionSettings(tx)).map((s) => [s.record_type, s.days]),
      ) as Record<RetentionRecordType, number>;
      const cutoff = (type: RetentionRecordType) => new Date(now.getTime() - days[type] * DAY_MS);
      const counts: Record<string, number> = { requests: 0, requesters: 0, events: 0 };
      for (let round = 0; round < 100; round++) {
        const batch = await requestsPastRetention(tx, cutoff("requests"), BATCH);
        if (batch.length === 0) break;
        const done = await anonymiseRequests(
          tx,
          batch.map((r) => r.id),
          erasableTerms(batch),
          now,
        );
        counts.requests = (counts.requests ?? 0) + done.requests;
        counts.requesters = (counts.requesters ?? 0) + done.requesters;
        counts.events = (counts.events ?? 0) + done.events;
        // Each erasure goes on the log of its request, like a deletion asked for by the person.
        for (const r of batch)
          await appendEvent(tx, {
            actor: by,
            entity: "request",
            entityId: r.id,
            requestId: r.id,
            kind: "personal_data_erased",
            data: { retention: true, erasedEntries: done.erasedEvents.get(r.id) ?? 0 },
            at: now,
          });
        if (batch.length < BATCH) break;
      }
      counts.recordings =
        (await dropRecordings(tx, cutoff("recordings"))) +
        (await dropCallRecordings(tx, cutoff("recordings")));
      counts.calls = await deleteUnlinkedCalls(tx, cutoff("calls"));
      // Events set aside for a call that never started (docs/phone.md, 6 Dec 2026): not a call, not counted.
      await deleteEventsOfNoCall(tx, cutoff("calls"));
      counts.attachments = await deleteAttachments(tx, cutoff("attachments"));
      counts.outbox = await deleteOutbox(tx, cutoff("outbox"));
      counts.inbound = await deleteInbound(tx, cutoff("inbound"));
      counts.sessions = await deleteSessions(tx, cutoff("sessions"));
      const runRow = await insertRetentionRun(tx, {
        at: now,
        runDate: vnDateOf(now),
        counts,
        by: by?.userId ?? null,
      });
      await appendEvent(tx, {
        actor: by,
        entity: "retention",
        entityId: String(runRow?.id ?? 0),
        kind: "retention_run",
        data: { counts, days },
        at: now,
      });
      return counts;
    });
  }

  return {
    async get(actor: Actor | null) {
      authorize(actor, "retention.manage");
      return settingsView();
    },

    async update(
      actor: Actor | null,
      body: { settings: { recordType: RetentionRecordType; days: number; basis?: string }[] },
    ) {
      const by = authorize(actor, "retention.manage");
      const now = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        const before = await listRetentionSettings(tx, true);
        for (const s of body.settings) await updateRetentionSetting(tx, { ...s, by: by.userId, at: now });
        await appendEvent(tx, {
          actor: by,
          entity: "retention",
          entityId: "settings",
          kind: "retention_settings_changed",
          data: {
            before: Object.fromEntries(before.map((s) => [s.record_type, s.days])),
            after: Object.fromEntries(body.settings.map((s) => [s.recordType, s.days])),
          },
          at: now,
        });
      });
      return settingsView();
    },

    /** An administrator's run now (audited like the daily one). */
    async runNow(actor: Actor | null) {
      const by = authorize(actor, "retention.manage");
      return { counts: await run(by) };
    },

    /** One pass of the daily job: runs once per Vietnam date; returns how many records it changed. */
    async runDaily(): Promise<number> {
      if (await ranOn(ctx.db, vnDateOf(ctx.clock.now()))) return 0;
      const counts = await run(null);
      return Object.values(counts).reduce((a, b) => a + b, 0);
    },

    async getHold(actor: Actor | null, requestId: string) {
      authorize(actor, "request.legal_hold");
      const row = await findLegalHold(ctx.db, requestId);
      if (!row) throw new AppError("NOT_FOUND");
      return holdView(row);
    },

    async setHold(actor: Actor | null, requestId: string, reason: string | null) {
      const by = authorize(actor, "request.legal_hold");
      const now = ctx.clock.now();
      const row = await ctx.db.transaction(async (tx) => {
        const current = await findLegalHold(tx, requestId);
        if (!current) throw new AppError("NOT_FOUND");
        if (reason === null && current.legal_hold_at === null) throw new AppError("INVALID_TRANSITION");
        const updated = await setLegalHold(tx, requestId, reason, now);
        await appendEvent(tx, {
          actor: by,
          entity: "request",
          entityId: requestId,
          requestId,
          kind: reason === null ? "legal_hold_released" : "legal_hold_set",
          data: reason === null ? { previousReason: current.legal_hold_reason } : { reason },
          at: now,
        });
        return updated ?? current;
      });
      return holdView(row);
    },
  };
}
