import type { DataRequestKind } from "../../shared/schemas/data-rights.js";
import { DAY_MS, vnDateOf } from "../../shared/time.js";
import { type DayNumber, dayNumberOf, midnightOf } from "./calendar/days.js";
import type { WorkingCalendar } from "./calendar/index.js";
import { displayPhone } from "./phone.js";
import { handlingStatuses } from "./request-state.js";

/**
 * The time limits of a data subject's request (PDP Law 91/2025/QH15 Art. 4, Decree 356/2025/NĐ-CP
 * Art. 5) and what deletion may erase. Pure: no I/O. docs/data-rights.md explains the counting.
 */

/** Acknowledgement: within 2 working days. */
export const ACK_WORKING_DAYS = 2;

/** The decision, in calendar days (the text says "ngày", not "ngày làm việc"). */
export const decisionDays: Record<DataRequestKind, number> = {
  access: 10,
  correction: 10,
  restriction: 15,
  objection: 15,
  withdrawal: 15,
  deletion: 20,
};

/** Coordinators are reminded once this many working hours (one working day) are left, and once missed. */
export const REMINDER_LEAD_HOURS = 8;

const workingHoursOf = (calendar: WorkingCalendar, day: DayNumber) =>
  calendar.workingHoursBetween(new Date(midnightOf(day)), new Date(midnightOf(day + 1)));

const isWorkingDay = (calendar: WorkingCalendar, day: DayNumber) => workingHoursOf(calendar, day) > 0;

/** The close of working time on a working day (17:00 on the shipped schedule). */
const closeOf = (calendar: WorkingCalendar, day: DayNumber): Date =>
  calendar.addWorkingHours(new Date(midnightOf(day)), workingHoursOf(calendar, day));

/** The first working day on or after `day` (a year has working days: the loop is bounded). */
function workingDayFrom(calendar: WorkingCalendar, day: DayNumber): DayNumber {
  let d = day;
  for (let i = 0; i < 60 && !isWorkingDay(calendar, d); i++) d += 1;
  return d;
}

/**
 * Civil Code 2015 Art. 147: a period in days starts on the day after the event. The
 * acknowledgement is due at the close of the 2nd working day after the day of receipt.
 */
export function acknowledgementDueAt(receivedAt: Date, calendar: WorkingCalendar): Date {
  let day = dayNumberOf(receivedAt.getTime());
  for (let n = 0; n < ACK_WORKING_DAYS; n++) day = workingDayFrom(calendar, day + 1);
  return closeOf(calendar, day);
}

/**
 * The decision is due N calendar days after the day of receipt; a last day that is a day off moves
 * to the next working day (Civil Code Art. 148.5). We end it at the close of working time of that
 * day, earlier than the 24:00 the Code allows, so the deadline shown is never later than the law's.
 */
export function decisionDueAt(kind: DataRequestKind, receivedAt: Date, calendar: WorkingCalendar): Date {
  const last = dayNumberOf(receivedAt.getTime()) + decisionDays[kind];
  return closeOf(calendar, workingDayFrom(calendar, last));
}

export type DataRequestStep = "ack_due_soon" | "ack_missed" | "due_soon" | "missed";

/** The deadline that applies now and its reminder step, or null when nothing is due or close. */
export function reminderStepOf(
  c: { status: string; ackDueAt: Date; dueAt: Date },
  now: Date,
  calendar: WorkingCalendar,
): DataRequestStep | null {
  if (c.status !== "received" && c.status !== "acknowledged") return null;
  const ack = c.status === "received";
  const due = ack ? c.ackDueAt : c.dueAt;
  if (now.getTime() >= due.getTime()) return ack ? "ack_missed" : "missed";
  if (calendar.workingHoursBetween(now, due) <= REMINDER_LEAD_HOURS) return ack ? "ack_due_soon" : "due_soon";
  return null;
}

export function dueStateOf(
  c: { status: string; ackDueAt: Date; dueAt: Date },
  now: Date,
  calendar: WorkingCalendar,
): "on_time" | "due_soon" | "late" | "closed" {
  const step = reminderStepOf(c, now, calendar);
  if (c.status === "done" || c.status === "refused") return "closed";
  if (step === "ack_missed" || step === "missed") return "late";
  if (step) return "due_soon";
  return "on_time";
}

const vnDay = (d: Date) => vnDateOf(d).split("-").reverse().join("/");

/** Statuses in which the regulation's handling is still under way (Art. 9–12). */
const handling = new Set<string>(handlingStatuses);

export interface ErasureFacts {
  status: string;
  receivedAt: Date;
  legalHold: boolean;
}

export type ErasureRefusal = { code: "legal_hold" | "in_handling" | "archive_period"; reason: string };

/**
 * Why a request's personal data may not be erased now, or null when it may. The law keeps the record
 * while the request is handled (Art. 10), for the archive period (Art. 11.1: the record is extracted
 * for inspection — the `requests` retention period) and while under a legal hold.
 */
export function erasureRefusal(r: ErasureFacts, now: Date, archiveDays: number): ErasureRefusal | null {
  if (r.legalHold)
    return {
      code: "legal_hold",
      reason:
        "Hồ sơ đang được giữ theo yêu cầu của cơ quan có thẩm quyền (phong toả pháp lý), chưa được xoá.",
    };
  if (handling.has(r.status))
    return {
      code: "in_handling",
      reason:
        "Yêu cầu đang được giải quyết theo Quy chế Tổng đài 1022 (Điều 10); dữ liệu còn cần để trả lời chính người yêu cầu.",
    };
  const until = new Date(r.receivedAt.getTime() + archiveDays * DAY_MS);
  if (now.getTime() < until.getTime())
    return {
      code: "archive_period",
      reason: `Hồ sơ phải được lưu để kiểm tra, giám sát theo Điều 11.1 Quy chế đến ngày ${vnDay(until)} (thời hạn lưu trữ).`,
    };
  return null;
}

/** A request's copy of its requester's contact details, as the erasure reads them. */
export interface ContactWords {
  full_name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/**
 * The person's own words that may appear in free text (answers, notes), replaced when their data
 * is erased (a deletion asked for, or retention): the contact details the requests hold and `more`
 * (the data request's own), a phone also in the national form people write (displayPhone: +84… as
 * 0…); each once, longest first, so that a name inside an address leaves none of the address.
 */
export function erasableTerms(held: ContactWords[], more: (string | null)[] = []): string[] {
  const words = [...more, ...held.flatMap((h) => [h.full_name, h.phone, h.email, h.address])];
  const written = words.flatMap((w) => [w, displayPhone(w)]);
  return [...new Set(written.filter((w): w is string => !!w))].sort((a, b) => b.length - a.length);
}
