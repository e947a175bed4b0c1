import { AppError, invalidField } from "../../shared/errors.js";
import { type Action, type Actor, scopeOf } from "../../shared/permissions.js";
import { type Channel, channelLabels } from "../../shared/request-status.js";
import type {
  PeriodKind,
  PublicFigures,
  ReportData,
  ReportFilters,
  ReportGroupBy,
  SummaryRow,
} from "../../shared/schemas/reports.js";
import { formatVnIso, vnDateOf } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import { feedbackFacts } from "../db/repositories/feedback.repository.js";
import { listMassEvents } from "../db/repositories/mass-event.repository.js";
import {
  agencyIdByCode,
  agencyOf,
  type FigureFilter,
  fieldIdByCode,
  findReport,
  insertReport,
  listReports,
  receivedSeries,
  requestFacts,
  type StoredReportRow,
  slipFacts,
  userIdByUsername,
  withoutJit,
} from "../db/repositories/report.repository.js";
import { type ExtractRow, extractPages } from "../db/repositories/report-extract.repository.js";
import {
  assertPeriodBegun,
  lastClosedPeriods,
  parsePeriod,
  periodOf,
  roundHours,
} from "../domain/report-period.js";
import { authorize } from "../policies/authorize.js";
import { type AccessOrigin, recordAccess } from "./access-log.service.js";
import { reportMassEventOf } from "./mass-event.service.js";

export type { ReportData };

/** Below this many answers in a period an agency's public on-time rate is not shown (/thong-ke). */
export const PUBLIC_MIN_ANSWERED = 5;

export interface PeriodicReport {
  data: ReportData;
  frozen: boolean;
}

const emptyRow = (key: string, label: string): SummaryRow => ({
  key,
  label,
  received: 0,
  answeredByOperator: 0,
  suggested: 0,
  suggestedThenOperator: 0,
  forwarded: 0,
  refused: 0,
  refusedByReason: {},
  escalated: 0,
  returned: 0,
  returnedLate: 0,
  answered: 0,
  published: 0,
  onTime: 0,
  late: 0,
  openOverdue: 0,
  progressUpdates: 0,
  missedAppointments: 0,
  medianHours: null,
  p90Hours: null,
  onTimeRate: null,
  feedbackCount: 0,
  feedbackResolved: 0,
  resolvedRate: null,
  ratingAvg: null,
});

export const EXTRACT_PAGE = 2000;

export function createReportService(ctx: AppContext) {
  /**
   * Authorizes and resolves the filters' codes. An agency-scoped actor (a leader) always gets their
   * own agency; asking for another agency is refused (403), like every other agency-scoped action.
   */
  async function resolve(actor: Actor | null, action: Action, q: ReportFilters): Promise<FigureFilter> {
    const viewer = authorize(actor, action);
    const { from, until } = periodOf(q.from, q.to);
    const now = ctx.clock.now();
    const f: FigureFilter = { from, until, asOf: new Date(Math.min(until.getTime(), now.getTime())) };
    if (q.agency) {
      const id = await agencyIdByCode(ctx.db, q.agency);
      if (!id) throw invalidField("agency", "Cơ quan không tồn tại.", { code: "unknown_agency" });
      authorize(viewer, action, { agencyId: id });
      f.agencyId = id;
    }
    if (scopeOf(viewer.role, action) === "agency") {
      if (!viewer.agencyId) throw new AppError("FORBIDDEN");
      f.agencyId = viewer.agencyId;
    }
    if (q.field) {
      f.fieldId = await fieldIdByCode(ctx.db, q.field);
      if (f.fieldId === undefined)
        throw invalidField("field", "Lĩnh vực không tồn tại.", { code: "unknown_field" });
    }
    if (q.officer) {
      f.officerId = await userIdByUsername(ctx.db, q.officer);
      if (!f.officerId) throw invalidField("officer", "Cán bộ không tồn tại.", { code: "unknown_officer" });
    }
    if (q.channel) f.channel = q.channel;
    if (q.urgency) f.urgency = q.urgency;
    return f;
  }

  /** `part` of `whole` to four decimals; null when there is no whole to speak of. */
  const shareOf = (part: number, whole: number) =>
    whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null;

  /** Both kinds of facts merged per key; handling times in working hours come from slip_handling. */
  async function figures(groupBy: ReportGroupBy, f: FigureFilter): Promise<SummaryRow[]> {
    const [requests, slips, feedback] = await Promise.all([
      withoutJit(ctx.db, (tx) => requestFacts(tx, groupBy, f)),
      withoutJit(ctx.db, (tx) => slipFacts(tx, groupBy, f)),
      feedbackFacts(ctx.db, groupBy, f),
    ]);
    const rows = new Map<string, SummaryRow>();
    const label = (key: string, raw: string) =>
      groupBy === "channel" ? (channelLabels[key as Channel] ?? raw) : raw;
    const rowOf = (key: string, raw: string) => {
      let row = rows.get(key);
      if (!row) {
        row = emptyRow(key, label(key, raw));
        rows.set(key, row);
      }
      return row;
    };
    for (const r of requests) {
      const row = rowOf(r.key, r.label);
      row.received = r.received;
      row.answeredByOperator = r.answered_by_operator;
      row.suggested = r.suggested;
      row.suggestedThenOperator = r.suggested_then_operator;
      row.refused = r.refused;
      row.escalated = r.escalated;
      row.published = r.published;
      for (const code of r.refused_reasons ?? []) {
        row.refusedByReason[code] = (row.refusedByReason[code] ?? 0) + 1;
      }
    }
    for (const s of slips) {
      const row = rowOf(s.key, s.label);
      row.forwarded = s.forwarded;
      row.returned = s.returned;
      row.returnedLate = s.returned_late;
      row.answered = s.answered;
      row.onTime = s.on_time;
      row.late = s.answered - s.on_time;
      row.openOverdue = s.open_overdue;
      row.progressUpdates = s.progress_updates;
      row.missedAppointments = s.missed_appointments;
      row.medianHours = roundHours(s.median_hours);
      row.p90Hours = roundHours(s.p90_hours);
      // A slip closed without an answer after its due time is late too (fourteenth session).
      row.onTimeRate = shareOf(s.on_time, s.answered + s.returned_late);
    }
    // Issue 19: satisfaction, by the period the feedback was given in.
    for (const fb of feedback) {
      const row = rowOf(fb.key, fb.label);
      row.feedbackCount = fb.feedback;
      row.feedbackResolved = fb.resolved;
      row.resolvedRate = shareOf(fb.resolved, fb.feedback);
      row.ratingAvg = fb.feedback > 0 ? Math.round((fb.rating_sum / fb.feedback) * 100) / 100 : null;
    }
    if (groupBy === "none" && rows.size === 0) rows.set("all", emptyRow("all", "Tổng cộng"));
    return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  function closed(until: Date): boolean {
    return until.getTime() <= ctx.clock.now().getTime();
  }

  async function compute(kind: PeriodKind, period: string, from: string, to: string): Promise<ReportData> {
    const p = periodOf(from, to);
    const now = ctx.clock.now();
    const f: FigureFilter = { ...p, asOf: new Date(Math.min(p.until.getTime(), now.getTime())) };
    const [total, byAgency, byField, byChannel, massEvents] = await Promise.all([
      figures("none", f),
      figures("agency", f),
      figures("field", f),
      figures("channel", f),
      listMassEvents(ctx.db, { from: p.from, to: p.until }),
    ]);
    return {
      version: 1,
      kind,
      period,
      from,
      to,
      asOf: formatVnIso(f.asOf),
      generatedAt: formatVnIso(now),
      total: total[0] ?? emptyRow("all", "Tổng cộng"),
      byAgency,
      byField,
      byChannel,
      massEvents: massEvents.map(reportMassEventOf),
    };
  }

  /** A closed period: the stored figures, generated and stored on first need (never recomputed). */
  async function frozen(
    kind: PeriodKind,
    period: string,
    from: string,
    to: string,
  ): Promise<StoredReportRow> {
    const stored = await findReport(ctx.db, kind, period);
    if (stored) return stored;
    const data = await compute(kind, period, from, to);
    return insertReport(ctx.db, { kind, period, from, to, data, at: ctx.clock.now() });
  }

  /** What a leader may see of a province-wide report: their agency's row only. */
  async function narrow(viewer: Actor, data: ReportData): Promise<ReportData> {
    if (scopeOf(viewer.role, "report.view") !== "agency") return data;
    const agency = viewer.agencyId ? await agencyOf(ctx.db, viewer.agencyId) : undefined;
    if (!agency) throw new AppError("FORBIDDEN");
    const own = data.byAgency.find((r) => r.key === agency.code) ?? emptyRow(agency.code, agency.name);
    return { ...data, total: own, byAgency: [own], byField: [], byChannel: [], agency };
  }

  return {
    async summary(actor: Actor | null, q: ReportFilters & { groupBy: ReportGroupBy }) {
      const f = await resolve(actor, "report.view", q);
      return { rows: await figures(q.groupBy, f) };
    },

    async series(actor: Actor | null, q: ReportFilters) {
      const f = await resolve(actor, "report.view", q);
      return { rows: await withoutJit(ctx.db, (tx) => receivedSeries(tx, f)) };
    },

    /** The periodic reports to offer: recent months, quarters and years, frozen once closed. */
    async periodic(actor: Actor | null) {
      authorize(actor, "report.view");
      const stored = new Map((await listReports(ctx.db)).map((r) => [`${r.period_kind}:${r.period}`, r]));
      const today = vnDateOf(ctx.clock.now());
      const year = Number(today.slice(0, 4));
      const month = Number(today.slice(5, 7));
      const wanted: [PeriodKind, string][] = [];
      for (let i = 0; i < 13; i++) {
        const m = (((month - 1 - i) % 12) + 12) % 12;
        const y = year + Math.floor((month - 1 - i) / 12);
        wanted.push(["monthly", `${y}-${String(m + 1).padStart(2, "0")}`]);
      }
      const quarter = Math.floor((month - 1) / 3);
      for (let i = 0; i < 5; i++) {
        const q = (((quarter - i) % 4) + 4) % 4;
        const y = year + Math.floor((quarter - i) / 4);
        wanted.push(["quarterly", `${y}-Q${q + 1}`]);
      }
      wanted.push(["yearly", String(year)], ["yearly", String(year - 1)]);
      const keys = new Set(wanted.map(([k, p]) => `${k}:${p}`));
      for (const r of stored.values()) {
        if (!keys.has(`${r.period_kind}:${r.period}`)) wanted.push([r.period_kind, r.period]);
      }
      return {
        reports: wanted.map(([kind, period]) => {
          const { from, to } = parsePeriod(kind, period);
          const row = stored.get(`${kind}:${period}`);
          return {
            kind,
            period,
            from,
            to,
            frozen: closed(periodOf(from, to).until),
            generatedAt: row ? row.generated_at.toISOString() : null,
          };
        }),
      };
    },

    /**
     * A periodic report: a closed period is rendered from its stored figures only (generated and
     * frozen on first need); an open period is computed live and not stored.
     */
    async periodicReport(actor: Actor | null, kind: PeriodKind, period: string): Promise<PeriodicReport> {
      const viewer = authorize(actor, "report.view");
      const { from, to } = parsePeriod(kind, period);
      const days = periodOf(from, to);
      assertPeriodBegun({ kind, period }, from, ctx.clock.now());
      if (!closed(days.until)) {
        return { data: await narrow(viewer, await compute(kind, period, from, to)), frozen: false };
      }
      const row = await frozen(kind, period, from, to);
      return { data: await narrow(viewer, row.data), frozen: true };
    },

    /** Generates and freezes every closed period not stored yet among the recent ones (the job). */
    async freezeClosedPeriods(): Promise<number> {
      const candidates = Object.entries(lastClosedPeriods(vnDateOf(ctx.clock.now()))) as [
        PeriodKind,
        string,
      ][];
      let made = 0;
      for (const [kind, period] of candidates) {
        const { from, to } = parsePeriod(kind, period);
        if (await findReport(ctx.db, kind, period)) continue;
        await frozen(kind, period, from, to);
        made++;
      }
      return made;
    },

    /**
     * The portal's public figures (/thong-ke, issue 19): each agency's answered slips and on-time
     * rate in the last closed month, quarter or year, read from that period's frozen report — so
     * they equal the reports' figures. No personal data; an agency with fewer than
     * PUBLIC_MIN_ANSWERED answers shows its count but no rate (a rate of 1 or 2 says nothing and
     * points at people).
     */
    async publicFigures(kind: PeriodKind): Promise<PublicFigures> {
      const period = lastClosedPeriods(vnDateOf(ctx.clock.now()))[kind];
      const { from, to } = parsePeriod(kind, period);
      const { data } = await frozen(kind, period, from, to);
      return {
        kind,
        period,
        from,
        to,
        minAnswered: PUBLIC_MIN_ANSWERED,
        rows: data.byAgency
          .filter((r) => r.key !== "-")
          .map((r) => ({
            agencyCode: r.key,
            agency: r.label,
            answered: r.answered,
            // The rate is over answered and late-returned slips (fourteenth session); the floor is on
            // that same count, or an agency that returns most slips late would hide its rate.
            onTimeRate: r.answered + r.returnedLate >= PUBLIC_MIN_ANSWERED ? r.onTimeRate : null,
            // Issue 19: satisfaction under the same small-count rule (a rating from two people points at them).
            feedbackCount: r.feedbackCount,
            resolvedRate: r.feedbackCount >= PUBLIC_MIN_ANSWERED ? r.resolvedRate : null,
            ratingAvg: r.feedbackCount >= PUBLIC_MIN_ANSWERED ? r.ratingAvg : null,
          }))
          .sort((a, b) => a.agency.localeCompare(b.agency, "vi")),
      };
    },

    /**
     * The extraction (Art. 11.1): authorizes, then yields every matching request in keyset pages
     * (flat memory, no row cap). The access log entry is written once the last row has been read,
     * with the row count; an extraction cut short is recorded too, with what was read.
     */
    async extract(actor: Actor | null, q: ReportFilters, format: "csv" | "xlsx", origin: AccessOrigin) {
      const f = await resolve(actor, "report.extract", q);
      const viewer = actor as Actor;
      async function* rows(): AsyncGenerator<ExtractRow> {
        let count = 0;
        let complete = false;
        try {
          for await (const page of extractPages(ctx.db, f, EXTRACT_PAGE)) {
            for (const row of page) {
              count++;
              yield row;
            }
          }
          complete = true;
        } finally {
          // Recorded in the access log like every other read of personal data (issue 14).
          await recordAccess(ctx.db, ctx.clock.now(), viewer, origin, {
            action: "export",
            target: format,
            details: { filters: q, agencyId: f.agencyId ?? null, rows: count, complete },
          });
        }
      }
      return rows();
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
