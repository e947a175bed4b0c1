import type { CalendarConfig, CalendarDay, CalendarRules, OfficialSchedule } from "../../shared/calendar.js";
import { AppError, invalidField } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { AdminCalendarResponse } from "../../shared/schemas/calendar.js";
import { vnDateOf } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import type { Relay } from "../db/relay.js";
import {
  deleteOfficialYear,
  findCalendarRules,
  findOfficialYear,
  listOfficialYears,
  saveCalendarRules,
  saveOfficialYear,
  seedCalendar,
} from "../db/repositories/calendar.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import {
  createWorkingCalendar,
  defaultCalendarConfig,
  type WorkingCalendar,
} from "../domain/calendar/index.js";
import { authorize } from "../policies/authorize.js";

/**
 * The working-time calendar as a service (R-HA6, Art. 10.3): loads the configuration from the
 * database (seeding the shipped one on first start), keeps one engine in memory, and rebuilds it
 * after an administrator's change. Another server process picks changes up within RELOAD_MS.
 */
export const RELOAD_MS = 60_000;

interface Loaded {
  config: CalendarConfig;
  calendar: WorkingCalendar;
}

export function createCalendarService(ctx: AppContext, relay?: Relay) {
  let cache: { promise: Promise<Loaded>; at: number } | undefined;

  async function load(): Promise<Loaded> {
    let rulesRow = await findCalendarRules(ctx.db);
    if (!rulesRow) {
      const { officialSchedules, ...rules } = defaultCalendarConfig;
      // One transaction: the rules row marks the seed done, so the years must land with it.
      await ctx.db.transaction((tx) => seedCalendar(tx, rules, officialSchedules));
      rulesRow = await findCalendarRules(ctx.db);
    }
    // Stored documents are parsed like input by the repository: a broken one fails loudly.
    if (!rulesRow) throw new Error("calendar rules missing after seeding");
    const rules = rulesRow.rules;
    const officialSchedules = (await listOfficialYears(ctx.db)).map((r) => r.schedule);
    const config: CalendarConfig = { ...rules, officialSchedules };
    return { config, calendar: createWorkingCalendar(config) };
  }

  /** One load shared by concurrent callers; wall-clock TTL, since the test clock may stand still. */
  function loaded(): Promise<Loaded> {
    const now = Date.now();
    if (!cache || now - cache.at >= RELOAD_MS) {
      const entry = { promise: load(), at: now };
      cache = entry;
      entry.promise.catch(() => {
        if (cache === entry) cache = undefined;
      });
    }
    return cache.promise;
  }

  const forget = () => {
    cache = undefined;
  };
  // A change made through any server process reloads the calendar in every one (issue 15).
  relay?.subscribe("calendar", forget);
  const invalidate = () => {
    if (relay) relay.publish("calendar", null);
    else forget();
  };

  /**
   * Every change starts from a seeded calendar: an edit made before anything had loaded it would
   * otherwise create the rules row first, so the shipped official years were never seeded and the
   * audit trail recorded `before: null`.
   */
  const seeded = async () => {
    await loaded();
  };

  const currentYear = () => Number(vnDateOf(ctx.clock.now()).slice(0, 4));

  async function adminView(): Promise<AdminCalendarResponse> {
    const { config, calendar } = await loaded();
    const year = currentYear();
    return { config, missingOfficialYears: calendar.yearsWithoutOfficialSchedule(year, year + 1) };
  }

  /**
   * An administrator's change: `write` makes it and names its audit event (kind and before/after),
   * appended in the same transaction; then every process reloads. Answers the admin view.
   */
  async function recordChange(
    who: Actor,
    entityId: string,
    write: (tx: Executor) => Promise<{ kind: string; data: Record<string, unknown> }>,
  ): Promise<AdminCalendarResponse> {
    await ctx.db.transaction(async (tx) => {
      const { kind, data } = await write(tx);
      await appendEvent(tx, { actor: who, entity: "calendar", entityId, kind, data, at: ctx.clock.now() });
    });
    invalidate();
    return adminView();
  }

  return {
    /** The engine for every slip deadline and staff "due in / late by" display. */
    async current(): Promise<WorkingCalendar> {
      return (await loaded()).calendar;
    },

    async deadline(from: Date, hours: number): Promise<Date> {
      return (await loaded()).calendar.addWorkingHours(from, hours);
    },

    async workingHoursBetween(from: Date, to: Date): Promise<number> {
      return (await loaded()).calendar.workingHoursBetween(from, to);
    },

    async daysOfYear(year: number): Promise<CalendarDay[]> {
      return (await loaded()).calendar.daysOfYear(year);
    },

    /** This year and next when no official notice is entered; the staff UI warns (docs/calendar.md). */
    async yearsMissingOfficialSchedule(): Promise<number[]> {
      const year = currentYear();
      return (await loaded()).calendar.yearsWithoutOfficialSchedule(year, year + 1);
    },

    async getForAdmin(actor: Actor | null): Promise<AdminCalendarResponse> {
      authorize(actor, "calendar.manage");
      return adminView();
    },

    /** Art. 15, R-HA6: the admin edits the rules; the change and its before/after are audited. */
    async updateRules(actor: Actor | null, rules: CalendarRules): Promise<AdminCalendarResponse> {
      const who = authorize(actor, "calendar.manage");
      await seeded();
      return recordChange(who, "rules", async (tx) => {
        const before = await saveCalendarRules(tx, rules, who.userId);
        return { kind: "calendar.rules_updated", data: { before, after: rules } };
      });
    },

    /** Enters or replaces a year's official notice (days off, swaps, worked Saturdays). */
    async setOfficialSchedule(
      actor: Actor | null,
      year: number,
      schedule: OfficialSchedule,
    ): Promise<AdminCalendarResponse> {
      const who = authorize(actor, "calendar.manage");
      await seeded();
      if (schedule.year !== year) {
        throw invalidField("year", `Năm trong nội dung phải là ${year}`, { code: "mismatch", summary: null });
      }
      return recordChange(who, String(year), async (tx) => {
        const before = await findOfficialYear(tx, year);
        await saveOfficialYear(tx, schedule, who.userId);
        return {
          kind: before ? "calendar.year_updated" : "calendar.year_created",
          data: { before: before?.schedule ?? null, after: schedule },
        };
      });
    },

    /** Removes a year's notice: the year falls back to the statutory rules. */
    async deleteOfficialSchedule(actor: Actor | null, year: number): Promise<AdminCalendarResponse> {
      const who = authorize(actor, "calendar.manage");
      await seeded();
      return recordChange(who, String(year), async (tx) => {
        const before = await findOfficialYear(tx, year);
        if (!before) throw new AppError("NOT_FOUND");
        await deleteOfficialYear(tx, year);
        return { kind: "calendar.year_deleted", data: { before: before.schedule, after: null } };
      });
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
