import type { ObligationView } from "../../shared/schemas/reports.js";
import { formatVnIso, formatVnIsoOrNull } from "../../shared/time.js";
import type { ObligationRow } from "../db/repositories/obligation.repository.js";
import type { WorkingCalendar } from "../domain/calendar/index.js";
import { type ObligationFacts, obligationState } from "../domain/obligations.js";

/** What deciding "due soon / late" needs: the calendar, the instant, the reminder lead (hours). */
export interface DueContext {
  calendar: WorkingCalendar;
  now: Date;
  leadHours: number;
}

export const factsOf = (o: ObligationRow): ObligationFacts => ({
  dueAt: o.due_at,
  metAt: o.met_at,
  waivedAt: o.waived_at,
});

export function toObligationView(o: ObligationRow, c: DueContext): ObligationView {
  return {
    id: o.id,
    requestId: o.request_id,
    requestCode: o.request_code,
    kind: o.kind,
    agencyId: o.agency_id,
    agencyName: o.agency_name,
    startsAt: formatVnIso(o.starts_at),
    dueAt: formatVnIso(o.due_at),
    limitHours: o.limit_hours,
    metAt: formatVnIsoOrNull(o.met_at),
    waivedAt: formatVnIsoOrNull(o.waived_at),
    waiveReason: o.waive_reason,
    state: obligationState(factsOf(o), c.now, c.calendar, c.leadHours),
  };
}
