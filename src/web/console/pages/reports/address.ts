import dayjs from "dayjs";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { z } from "zod";
import { type ReportFilters, reportFilters, reportGroupBy } from "../../../../shared/schemas/reports.js";
import { type Period, quickPeriod } from "./period.js";

export type Filters = Omit<ReportFilters, "from" | "to">;
export type GroupBy = (typeof reportGroupBy)[number];

/** The filters the page offers, each read back through its own schema (nonsense is dropped). */
const filterKeys = ["agency", "field", "channel", "urgency"] as const;
const groupByIn = z.enum(reportGroupBy);
/** The grouping the page opens with, left out of the address. */
const DEFAULT_GROUP: GroupBy = "agency";

/** A real day written YYYY-MM-DD (not 2026-02-30, which dayjs would roll over into March). */
const isDay = (value: string | null): value is string =>
  value !== null &&
  reportFilters.shape.from.safeParse(value).success &&
  dayjs(value).format("YYYY-MM-DD") === value;

/** The period an address names (`from`, `to`); this month when it names none or nonsense. */
export function periodIn(params: URLSearchParams): Period {
  const from = params.get("from");
  const to = params.get("to");
  return isDay(from) && isDay(to) && from <= to ? { from, to } : quickPeriod("thisMonth");
}

/** The filters and the grouping an address names; what does not read is left out. */
function choicesIn(params: URLSearchParams): { filters: Filters; groupBy: GroupBy } {
  const filters: Filters = {};
  for (const key of filterKeys) {
    const read = reportFilters.shape[key].safeParse(params.get(key) ?? undefined);
    if (read.success && read.data !== undefined) Object.assign(filters, { [key]: read.data });
  }
  const group = groupByIn.safeParse(params.get("groupBy"));
  return { filters, groupBy: group.success ? group.data : DEFAULT_GROUP };
}

/**
 * The Reports page's period, filters and grouping live in the address (`?from=2026-07-01&to=
 * 2026-09-30&field=yte&groupBy=field`), as the audit's filters do: a reload, Back from another page
 * or a shared link opens the same figures, and each change is a step Back undoes (thirty-ninth
 * session's walk: a reload put the coordinator back on this month, grouped by agency, unfiltered).
 */
export function useReportAddress() {
  const [params, setParams] = useSearchParams();
  // `params` is the same object until the address's query changes (react-router memoizes it).
  const read = useMemo(() => ({ period: periodIn(params), ...choicesIn(params) }), [params]);
  const write = (changes: Record<string, string | undefined>) =>
    setParams((old) => {
      const next = new URLSearchParams(old);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });
  return {
    ...read,
    setPeriod: ({ from, to }: Period) => write({ from, to }),
    setFilter: <K extends keyof Filters>(key: K, value: Filters[K] | undefined) => write({ [key]: value }),
    setGroupBy: (groupBy: GroupBy) => write({ groupBy: groupBy === DEFAULT_GROUP ? undefined : groupBy }),
  };
}
