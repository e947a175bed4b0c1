import { AppError, invalidField } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type {
  CreateMassEventBody,
  MassEventView,
  RequestMassEvent,
  UpdateMassEventBody,
} from "../../shared/schemas/mass-events.js";
import { emergencyNumbers } from "../../shared/schemas/mass-events.js";
import type { ReportMassEvent } from "../../shared/schemas/reports.js";
import { formatVnIso, formatVnIsoOrNull } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { recentRequests } from "../db/repositories/duplicate.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { fieldTable } from "../db/repositories/field.repository.js";
import {
  activeMassEvents,
  cancelMassEvent,
  findLink,
  findMassEvent,
  insertLink,
  insertMassEvent,
  listMassEvents,
  type MassEventInput,
  type MassEventRow,
  massEventsByIds,
  updateMassEvent,
} from "../db/repositories/mass-event.repository.js";
import { findRequest, findRequestByCode } from "../db/repositories/request.repository.js";
import { DUPLICATE_THRESHOLD, DuplicateFinder, mentionsAnyPhrase } from "../domain/search/duplicates.js";
import { authorize } from "../policies/authorize.js";

/** A mass event a new message matches, as the channel intake needs it. */
export interface MassEventMatch {
  id: string;
  title: string;
  answer: string;
  score: number;
}

/** How long a process keeps the list of events on (the portal banner, intake's link check). */
const ACTIVE_TTL_MS = 10_000;
/** Recent requests that give the words of an event's text their weight when matching. */
const BACKGROUND = 2000;

/** An event's keywords: phrases separated by commas, semicolons or lines. */
const phrasesOf = (keywords: string) =>
  keywords
    .split(/[,;\n]+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");

/** An event as a periodic report stores it (issue 19). */
export const reportMassEventOf = (e: MassEventRow): ReportMassEvent => ({
  title: e.title,
  startsAt: formatVnIso(e.starts_at),
  endsAt: formatVnIso(e.ends_at),
  cancelledAt: formatVnIsoOrNull(e.cancelled_at),
  linked: e.linked,
  answered: e.answered,
});

/** An event as the console shows it: the report's facts, and what the coordinator edits. */
function present(e: MassEventRow, now: Date): MassEventView {
  return {
    ...reportMassEventOf(e),
    id: e.id,
    keywords: e.keywords,
    answer: e.answer,
    fields: e.fields,
    banner: e.banner,
    emergencyNumbers: e.emergency_numbers.filter((n): n is (typeof emergencyNumbers)[number] =>
      (emergencyNumbers as readonly string[]).includes(n),
    ),
    active: e.cancelled_at === null && e.starts_at <= now && e.ends_at > now,
    version: e.version,
  };
}

/**
 * Issue 19: mass events. The coordinator declares them (audited in the event log); a new request of
 * an event's fields whose text matches the event's title and keywords (the duplicate finder's share,
 * same threshold) is linked to it; the operator answers it with the prepared text through the
 * ordinary `answer_from_kb` transition (`massEventId` in its body), which marks the link answered.
 */
export function createMassEventService(ctx: AppContext) {
  let active: { at: number; rows: Promise<MassEventRow[]> } | null = null;
  const activeNow = (): Promise<MassEventRow[]> => {
    const t = Date.now();
    if (!active || t - active.at > ACTIVE_TTL_MS)
      active = { at: t, rows: activeMassEvents(ctx.db, ctx.clock.now()) };
    return active.rows;
  };
  const forget = () => {
    active = null;
  };
  // The recent requests that weigh an event's words, read once per list of events on now (so at
  // most every ACTIVE_TTL_MS), not again for every message of the crowd an event brings. (The
  // matcher itself is built per message: a DuplicateFinder's probe leaves a removed slot that counts
  // in document frequencies until compaction, so a shared one would drift.)
  const backgrounds = new WeakMap<Promise<MassEventRow[]>, ReturnType<typeof recentRequests>>();
  const backgroundNow = () => {
    const rows = activeNow();
    let background = backgrounds.get(rows);
    if (!background) {
      const now = ctx.clock.now();
      background = recentRequests(ctx.db, new Date(now.getTime() - 30 * 86_400_000), BACKGROUND);
      backgrounds.set(rows, background);
      // A failed read is not kept: the next message reads again.
      background.catch(() => backgrounds.delete(rows));
    }
    return background;
  };

  async function input(body: CreateMassEventBody): Promise<MassEventInput> {
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    if (endsAt <= startsAt) {
      throw invalidField("endsAt", "Thời gian kết thúc phải sau thời gian bắt đầu.", {
        code: "before_start",
      });
    }
    const fieldIds: number[] = [];
    for (const code of new Set(body.fields)) {
      const field = await fieldTable.findByCode(ctx.db, code);
      if (!field?.active) {
        throw invalidField("fields", `Lĩnh vực «${code}» không tồn tại.`, {
          code: "unknown_field",
          summary: "Lĩnh vực không hợp lệ.",
        });
      }
      fieldIds.push(field.id);
    }
    return {
      title: body.title,
      keywords: body.keywords,
      answer: body.answer,
      startsAt,
      endsAt,
      banner: body.banner,
      emergencyNumbers: [...new Set(body.emergencyNumbers)],
      fieldIds,
    };
  }

  async function audit(tx: Executor, actor: Actor, id: string, kind: string, data: Record<string, unknown>) {
    await appendEvent(tx, { actor, entity: "mass_event", entityId: id, kind, data, at: ctx.clock.now() });
  }

  /**
   * An event over by its window or ended early is history: the reports count it in its period and
   * by its end, so neither editing its window (which would bring it back) nor ending it now (which
   * would move its end after the fact) is allowed.
   */
  function refuseIfOver(row: MassEventRow) {
    if (row.cancelled_at || row.ends_at <= ctx.clock.now())
      throw new AppError("INVALID_TRANSITION", "Sự kiện đã kết thúc.");
  }

  /**
   * Changes an event that is not over (refuseIfOver) through `write`, which answers false when the
   * version is stale (CONFLICT), audited in the same transaction; answers the event as it now is.
   */
  async function changeOngoing(
    coordinator: Actor,
    id: string,
    kind: string,
    data: Record<string, unknown>,
    write: (tx: Executor) => Promise<boolean>,
  ): Promise<MassEventView> {
    await ctx.db.transaction(async (tx) => {
      const before = await findMassEvent(tx, id);
      if (!before) throw new AppError("NOT_FOUND");
      refuseIfOver(before);
      if (!(await write(tx))) throw new AppError("CONFLICT");
      await audit(tx, coordinator, id, kind, data);
    });
    forget();
    return view(id);
  }

  async function view(id: string): Promise<MassEventView> {
    const row = await findMassEvent(ctx.db, id);
    if (!row) throw new AppError("NOT_FOUND");
    return present(row, ctx.clock.now());
  }

  /**
   * The best matching event on now for this text and field, with its share, or null. A request
   * without a field yet (a chat or email message: nobody has classified it) is matched on its text
   * against every event on now.
   */
  async function match(
    content: string,
    fieldCode: string | null,
  ): Promise<{ event: MassEventRow; score: number } | null> {
    const events = (await activeNow()).filter((e) => fieldCode === null || e.fields.includes(fieldCode));
    if (events.length === 0) return null;
    const background = await backgroundNow();
    const finder = new DuplicateFinder<MassEventRow | null>([
      ...events.map((e) => ({ key: `event:${e.id}`, text: `${e.title}\n${e.keywords}`, meta: e })),
      ...background.map((r) => ({ key: r.id, text: r.content, meta: null })),
    ]);
    const hits = finder.similar(content, (m) => m !== null, { limit: events.length, minScore: 0 });
    // A keyword phrase the request contains decides; otherwise the share of text, as for duplicates.
    const byPhrase = hits.find((h) => h.meta && mentionsAnyPhrase(content, phrasesOf(h.meta.keywords)));
    const best = byPhrase ?? hits.find((h) => h.score >= DUPLICATE_THRESHOLD);
    return best?.meta ? { event: best.meta, score: best.score } : null;
  }

  return {
    /** The newest 200 events, or just the events named by `ids`. */
    async list(actor: Actor | null, ids?: string[]): Promise<{ items: MassEventView[] }> {
      authorize(actor, "request.read");
      const now = ctx.clock.now();
      const rows = ids ? await massEventsByIds(ctx.db, ids) : await listMassEvents(ctx.db);
      return { items: rows.map((e) => present(e, now)) };
    },

    async get(actor: Actor | null, id: string): Promise<MassEventView> {
      authorize(actor, "request.read");
      return view(id);
    },

    async create(actor: Actor | null, body: CreateMassEventBody): Promise<MassEventView> {
      const coordinator = authorize(actor, "mass_event.manage");
      const e = await input(body);
      const id = await ctx.db.transaction(async (tx) => {
        const id = await insertMassEvent(tx, e, coordinator.userId);
        await audit(tx, coordinator, id, "mass_event.created", { after: body });
        return id;
      });
      forget();
      return view(id);
    },

    async update(actor: Actor | null, id: string, body: UpdateMassEventBody): Promise<MassEventView> {
      const coordinator = authorize(actor, "mass_event.manage");
      const e = await input(body);
      const { version: _v, ...after } = body;
      return changeOngoing(coordinator, id, "mass_event.updated", { after }, (tx) =>
        updateMassEvent(tx, id, body.version, e),
      );
    },

    /** Ends the event now; it stays for the reports and its links are kept. */
    async cancel(actor: Actor | null, id: string, version: number): Promise<MassEventView> {
      const coordinator = authorize(actor, "mass_event.manage");
      return changeOngoing(coordinator, id, "mass_event.cancelled", {}, (tx) =>
        cancelMassEvent(tx, id, version, ctx.clock.now()),
      );
    },

    /** The events whose banner the portal shows now. */
    async banners(): Promise<MassEventView[]> {
      const now = ctx.clock.now();
      return (await activeNow()).filter((e) => e.banner).map((e) => present(e, now));
    },

    /**
     * Links a new request to the matching event on now, if any (called after intake; idempotent).
     * Never fails the intake: a request left unlinked is linked when the desk opens it.
     */
    async linkNew(requestId: string): Promise<void> {
      if ((await activeNow()).length === 0) return;
      const row = await findRequest(ctx.db, requestId);
      if (row?.status !== "received") return;
      const found = await match(row.content, row.field_code);
      if (found)
        await insertLink(ctx.db, {
          requestId,
          massEventId: found.event.id,
          score: found.score,
          at: ctx.clock.now(),
        });
    },

    /**
     * The event on now a chat or email message matches (looked up before the intake's transaction:
     * the embedded database has one connection); the intake links it and sends its prepared text.
     */
    async matchForIntake(content: string): Promise<MassEventMatch | null> {
      if ((await activeNow()).length === 0) return null;
      const found = await match(content, null);
      return found
        ? { id: found.event.id, title: found.event.title, answer: found.event.answer, score: found.score }
        : null;
    },

    /** The same, for a citizen's submission (the public intake answers with the code). */
    async linkNewByCode(code: string): Promise<void> {
      if ((await activeNow()).length === 0) return;
      const row = await findRequestByCode(ctx.db, code);
      if (row) await this.linkNew(row.id);
    },

    /** The event a request is linked to (linking it now if it matches one on now), for the desk. */
    async ofRequest(actor: Actor | null, requestId: string): Promise<RequestMassEvent> {
      authorize(actor, "request.answer_from_kb");
      const row = await findRequest(ctx.db, requestId);
      if (!row) throw new AppError("NOT_FOUND");
      let link = await findLink(ctx.db, requestId);
      if (!link && row.status === "received") {
        await this.linkNew(requestId);
        link = await findLink(ctx.db, requestId);
      }
      if (!link) return { event: null, score: null };
      return { event: await view(link.mass_event_id), score: link.score };
    },

    /** The reports' figures: the events overlapping [from, to) with their linked and answered counts. */
    async figures(actor: Actor | null, from: Date, to: Date): Promise<{ items: MassEventView[] }> {
      authorize(actor, "report.view");
      const now = ctx.clock.now();
      return { items: (await listMassEvents(ctx.db, { from, to })).map((e) => present(e, now)) };
    },
  };
}
