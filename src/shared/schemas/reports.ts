import { z } from "zod";

/**
 * Figures and reports (Art. 11, 13.3, 16): the wire contract shared by the server, the console and
 * the OpenAPI document. A slip counts in the period of its forwarding; dates are days in
 * Asia/Ho_Chi_Minh, `to` inclusive.
 */
export const reportGroupBy = ["agency", "field", "channel", "officer", "none"] as const;
export type ReportGroupBy = (typeof reportGroupBy)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày theo dạng YYYY-MM-DD");

/** Filters every figure accepts. */
export const reportFilters = z.object({
  from: day,
  to: day,
  agency: z.string().min(1).max(40).optional(),
  field: z.string().min(1).max(40).optional(),
  channel: z.enum(["phone", "portal", "email", "zalo", "facebook", "other"]).optional(),
  officer: z.string().min(1).max(40).optional(),
  urgency: z.enum(["normal", "urgent"]).optional(),
});
export type ReportFilters = z.infer<typeof reportFilters>;

export const summaryQuery = reportFilters.extend({
  groupBy: z.enum(reportGroupBy).default("none"),
});

/**
 * One row of figures; `key` is the agency code, field code, channel, username, or "all" — or "-"
 * for facts without one (grouped by agency: requests never forwarded to an agency, not an agency).
 */
export const summaryRow = z.object({
  key: z
    .string()
    .describe(
      'Agency code, field code, channel, username or "all"; "-" for facts without one — by agency: requests never forwarded to any agency (not an agency, not ranked for timeliness).',
    ),
  label: z.string(),
  /** Requests received in the period (by their receipt). */
  received: z.number().int(),
  /** Answered by the operator from the Q&A base (Art. 10.1). */
  answeredByOperator: z.number().int(),
  /**
   * Chat and email requests whose acknowledgement carried published Q&A answers (issue 16), and of
   * those, how many still needed someone: the requester wrote again or staff acted on the request.
   * Defaults keep reports frozen before these figures readable.
   */
  suggested: z.number().int().default(0),
  suggestedThenOperator: z.number().int().default(0),
  /** Slips sent to an agency in the period. */
  forwarded: z.number().int(),
  /** Refused, by reason code. */
  refused: z.number().int(),
  refusedByReason: z.record(z.string(), z.number().int()),
  /** Sent to the coordinator (Art. 10.4). */
  escalated: z.number().int(),
  /** Slips returned to the coordinator (not competent). */
  returned: z.number().int(),
  /**
   * Fourteenth session: slips closed without an answer (returned, merged, refused) after their
   * answer's due time, not waived — late, like a late answer. Default: reports frozen before read.
   */
  returnedLate: z.number().int().default(0),
  /** Slips of the period with an answer (phone or recorded). */
  answered: z.number().int(),
  published: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  /** Not answered at the end of `to` and past its due time. */
  openOverdue: z.number().int(),
  progressUpdates: z.number().int(),
  missedAppointments: z.number().int(),
  /** Handling time from forwarding to the first answer, in working hours (null when none). */
  medianHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
  /** onTime / (answered + returnedLate), 0..1 (null when neither). */
  onTimeRate: z.number().nullable(),
  /**
   * Satisfaction (issue 19): feedback given in the period on the group's requests (by the
   * answering agency, field, channel, operator). Defaults let reports frozen before it still read.
   */
  feedbackCount: z.number().int().default(0),
  /** Of which the requester said the answer resolved the question. */
  feedbackResolved: z.number().int().default(0),
  /** feedbackResolved / feedbackCount, 0..1 (null without feedback). */
  resolvedRate: z.number().nullable().default(null),
  /** Mean rating 1–5, two decimals (null without feedback). */
  ratingAvg: z.number().nullable().default(null),
});
export type SummaryRow = z.infer<typeof summaryRow>;

/** The key of the row of facts without a group: requests not forwarded to any agency, no field, no operator. */
export const UNGROUPED_KEY = "-";

/**
 * Thirty-fifth session: agencies are held to their deadlines (Art. 10.3), the hotline is not. Rows
 * by agency split into the agencies (the on-time ranking) and the requests never forwarded to one
 * (answered by the hotline, refused, or still waiting) — shown apart, never dropped from the totals.
 * The console and the XLSX/PDF renderings take both from here, so they agree.
 */
export function agenciesApart<R extends { key: string }>(rows: R[]): { agencies: R[]; notForwarded?: R } {
  return {
    agencies: rows.filter((r) => r.key !== UNGROUPED_KEY && r.key !== "all"),
    notForwarded: rows.find((r) => r.key === UNGROUPED_KEY),
  };
}

export const summaryResponse = z.object({ rows: z.array(summaryRow) });

/**
 * Issue 19: a mass event whose window meets the period, with the requests linked to it and those
 * answered with its prepared text (the same figures as `GET /api/v1/reports/mass-events`).
 */
export const reportMassEvent = z.object({
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  cancelledAt: z.string().nullable(),
  linked: z.number().int(),
  answered: z.number().int(),
});
export type ReportMassEvent = z.infer<typeof reportMassEvent>;

/** The figures a periodic report stores once its period has closed (table `reports`, frozen). */
export const reportData = z.object({
  version: z.literal(1),
  kind: z.enum(["monthly", "quarterly", "yearly"]),
  period: z.string(),
  from: day,
  to: day,
  /** The instant the figures were computed as of (the end of the period once closed). */
  asOf: z.string(),
  generatedAt: z.string(),
  total: summaryRow,
  byAgency: z.array(summaryRow),
  byField: z.array(summaryRow),
  byChannel: z.array(summaryRow),
  /** Issue 19; absent from the reports frozen before mass events were counted in them. */
  massEvents: z.array(reportMassEvent).optional(),
  /** Set when the figures were narrowed to one agency for its leader. */
  agency: z.object({ code: z.string(), name: z.string() }).optional(),
});
export type ReportData = z.infer<typeof reportData>;

/** Received per day and channel, for the console's chart. */
export const seriesResponse = z.object({
  rows: z.array(z.object({ date: day, channel: z.string(), received: z.number().int() })),
});

export const periodKinds = ["monthly", "quarterly", "yearly"] as const;
export type PeriodKind = (typeof periodKinds)[number];

/** The periodic reports available for download; `frozen` once the period has closed. */
export const periodicListResponse = z.object({
  reports: z.array(
    z.object({
      kind: z.enum(periodKinds),
      period: z.string(),
      from: day,
      to: day,
      frozen: z.boolean(),
      generatedAt: z.string().nullable(),
    }),
  ),
});

/** An obligation as staff see it (Art. 10.3, 12.2). */
export const obligationKinds = ["answer", "record", "progress", "appointment", "publish"] as const;
export type ObligationKind = (typeof obligationKinds)[number];
export const obligationStates = ["open", "due_soon", "missed", "met_on_time", "met_late", "waived"] as const;
export type ObligationState = (typeof obligationStates)[number];

export const obligationView = z.object({
  id: z.string(),
  requestId: z.string(),
  requestCode: z.string(),
  kind: z.enum(obligationKinds),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  startsAt: z.string(),
  dueAt: z.string(),
  limitHours: z.number().nullable(),
  metAt: z.string().nullable(),
  waivedAt: z.string().nullable(),
  waiveReason: z.string().nullable(),
  state: z.enum(obligationStates),
});
export type ObligationView = z.infer<typeof obligationView>;

/** Missed obligations by agency, for the coordinator's board. */
export const missedByAgencyResponse = z.object({
  rows: z.array(
    z.object({
      agencyId: z.string().nullable(),
      agencyName: z.string(),
      missed: z.number().int(),
      byKind: z.record(z.string(), z.number().int()),
    }),
  ),
});

export const waiveBody = z.object({ reason: z.string().trim().min(5).max(2000) });

/** The regulation's time limits as administrators edit them. */
export const timeLimitCodes = [
  "answer",
  "record_after_phone",
  "progress",
  "publish",
  "reminder_lead",
] as const;
export const timeLimitView = z.object({
  code: z.enum(timeLimitCodes),
  hours: z.number(),
  article: z.string(),
  updatedAt: z.string(),
});
export const timeLimitsResponse = z.object({ limits: z.array(timeLimitView) });
export const timeLimitsBody = z.object({
  limits: z.array(z.object({ code: z.enum(timeLimitCodes), hours: z.number().positive().max(400) })).min(1),
});

/** The portal's public figures per agency (/thong-ke, GET /api/v1/public/figures; issue 19). */
export const publicFiguresQuery = z.object({
  period: z.enum(["monthly", "quarterly", "yearly"]).default("monthly"),
});
export const publicFigures = z.object({
  kind: z.enum(["monthly", "quarterly", "yearly"]),
  period: z.string(),
  from: day,
  to: day,
  /** An agency with fewer answers than this in the period shows no rate. */
  minAnswered: z.number().int(),
  rows: z.array(
    z.object({
      agencyCode: z.string(),
      agency: z.string(),
      answered: z.number().int(),
      /** On time / (answered + returned late), 0..1; null when answered + returned late < minAnswered. */
      onTimeRate: z.number().nullable(),
      /** Issue 19: feedback given in the period on the agency's answers. */
      feedbackCount: z.number().int(),
      /** Resolved / feedback and the mean rating; null under minAnswered feedbacks (small counts). */
      resolvedRate: z.number().nullable(),
      ratingAvg: z.number().nullable(),
    }),
  ),
});
export type PublicFigures = z.infer<typeof publicFigures>;
