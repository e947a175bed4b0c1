import type { ObligationKind, ObligationState } from "../../shared/schemas/reports.js";
import type { WorkingCalendar } from "./calendar/index.js";

/**
 * The legal duties of the regulation as obligations (Art. 10.3, 12.2, 13.1): when each is due, what
 * state it is in, and whether a request or slip is due soon or late. Pure: no I/O. Every screen,
 * filter and reminder derives lateness from here (and from the one SQL fragment that mirrors it in
 * obligation.repository.ts).
 */

/** The regulation's time limits in working hours, as stored in `time_limits`. */
export type TimeLimitCode = "answer" | "record_after_phone" | "progress" | "publish" | "reminder_lead";
export type TimeLimits = Record<TimeLimitCode, number>;

/** The limit each kind of obligation runs on; appointments carry their own due time. */
export const limitOfKind: Record<ObligationKind, TimeLimitCode | null> = {
  answer: "answer",
  record: "record_after_phone",
  progress: "progress",
  appointment: null,
  publish: "publish",
};

/** What a state decision needs of an obligation. */
export interface ObligationFacts {
  dueAt: Date;
  metAt: Date | null;
  waivedAt: Date | null;
}

/** A new obligation with a statutory limit: starts at `startsAt`, due that many working hours later. */
export function arising(
  kind: Exclude<ObligationKind, "appointment">,
  startsAt: Date,
  limits: TimeLimits,
  calendar: WorkingCalendar,
): { kind: ObligationKind; startsAt: Date; limitHours: number; dueAt: Date } {
  const code = limitOfKind[kind] as TimeLimitCode;
  const limitHours = limits[code];
  return { kind, startsAt, limitHours, dueAt: calendar.addWorkingHours(startsAt, limitHours) };
}

export function isOpen(o: ObligationFacts): boolean {
  return o.metAt === null && o.waivedAt === null;
}

/** Open and past its due time (the exact instant is still on time). */
export function isMissed(o: ObligationFacts, now: Date): boolean {
  return isOpen(o) && now.getTime() > o.dueAt.getTime();
}

/** Met no later than its due time. */
export function metOnTime(o: ObligationFacts): boolean {
  return o.metAt !== null && o.metAt.getTime() <= o.dueAt.getTime();
}

/**
 * The state of one obligation now: waived; met on time or late; missed (open past due); due soon
 * (open, within `leadHours` working hours of its due time); else open.
 */
export function obligationState(
  o: ObligationFacts,
  now: Date,
  calendar: WorkingCalendar,
  leadHours: number,
): ObligationState {
  if (o.waivedAt) return "waived";
  if (o.metAt) return metOnTime(o) ? "met_on_time" : "met_late";
  if (isMissed(o, now)) return "missed";
  return o.dueAt.getTime() <= dueSoonUntil(now, calendar, leadHours).getTime() ? "due_soon" : "open";
}

export type DueState = "ok" | "due_soon" | "late";

/**
 * Due state of a request or a slip, from its open obligations: late when any is missed (a progress
 * update or an appointment never clears a missed duty), due soon when any falls within the lead,
 * else ok; null when nothing is owed. `dueAt` is the governing deadline: the earliest open one
 * (`governing`, so a reader can say which duty it is — an answer, or its publication).
 */
export function dueStateOf<T extends ObligationFacts>(
  obligations: readonly T[],
  now: Date,
  calendar: WorkingCalendar,
  leadHours: number,
): { dueAt: Date | null; workingHoursLeft: number | null; dueState: DueState | null; governing: T | null } {
  const open = obligations.filter(isOpen).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const first = open[0];
  if (!first) return { dueAt: null, workingHoursLeft: null, dueState: null, governing: null };
  const left = Math.round(calendar.workingHoursBetween(now, first.dueAt) * 100) / 100;
  const dueState: DueState = open.some((o) => isMissed(o, now))
    ? "late"
    : open.some((o) => obligationState(o, now, calendar, leadHours) === "due_soon")
      ? "due_soon"
      : "ok";
  return { dueAt: first.dueAt, workingHoursLeft: left, dueState, governing: first };
}

/**
 * The instant until which an open obligation counts as due soon: `leadHours` working hours from now.
 * The SQL fragment in obligation.repository.ts takes this same instant as its upper bound.
 */
export function dueSoonUntil(now: Date, calendar: WorkingCalendar, leadHours: number): Date {
  return calendar.addWorkingHours(now, leadHours);
}

/**
 * Art. 10.3: a progress update is owed only once the answer obligation has passed its due time
 * unmet. Returns the Vietnamese reason it is not (yet) allowed, or null when it is.
 */
export function progressRefusal(answer: ObligationFacts | undefined, now: Date): string | null {
  if (!answer) return "Phiếu chuyển không có nghĩa vụ trả lời đang theo dõi.";
  if (answer.waivedAt) return "Nghĩa vụ trả lời của phiếu chuyển đã được miễn; không cần cập nhật tiến độ.";
  if (answer.metAt) return "Yêu cầu đã được trả lời; không cần cập nhật tiến độ.";
  if (!isMissed(answer, now)) {
    return "Chưa quá thời hạn trả lời của phiếu chuyển: chỉ cập nhật tiến độ và hẹn thời gian trả lời tiếp theo khi đã quá hạn mà chưa trả lời được (Điều 10.3).";
  }
  return null;
}

/** Why a coordinator may not waive an obligation: a stable code (the 409's details[].code) and the reason. */
export interface WaiverRefusal {
  code: "already_met" | "already_waived" | "past_due";
  message: string;
}

/**
 * A waiver releases an agency from a duty it still has time for (fifteenth session). Past its due
 * time the duty is already missed: a waiver then would take the slip out of lateness with a button,
 * so it is refused — a request that no longer needs an answer is returned, merged or refused, and
 * each of those keeps the lateness in the figures (`returnedLate`), as a merge does for its duties.
 */
export function waiverRefusal(o: ObligationFacts, now: Date): WaiverRefusal | null {
  if (o.metAt) return { code: "already_met", message: "Nghĩa vụ này đã được thực hiện; không thể miễn." };
  if (o.waivedAt) return { code: "already_waived", message: "Nghĩa vụ này đã được miễn trước đó." };
  if (isMissed(o, now)) {
    return {
      code: "past_due",
      message:
        "Nghĩa vụ này đã quá hạn nên không thể miễn (miễn lúc này sẽ xoá việc trễ hạn). Nếu yêu cầu không cần trả lời nữa, hãy trả lại, gộp hoặc từ chối yêu cầu; việc trễ hạn vẫn được ghi nhận.",
    };
  }
  return null;
}

/** Why a stated phone answer time is refused: a stable code (the field error's) and the reason. */
export interface PhoneAnswerTimeRefusal {
  code: "out_of_range" | "before_progress" | "outside_call";
  message: string;
}

/** The switchboard's record of a connected transfer: when the agency picked up, when the call ended. */
export interface TransferredCall {
  connectedAt: Date;
  endedAt: Date | null;
}

/**
 * When the agency answered on the phone, as far as the record goes: the time stated; else, on a
 * transferred call that has ended, its end (the answer was given on it); else now.
 */
export function phoneAnswerMoment(stated: Date | null, call: TransferredCall | null, now: Date): Date {
  return stated ?? call?.endedAt ?? now;
}

/**
 * Checks the moment a focal point says they answered on the phone (Art. 10.3): not before the slip
 * was sent, not in the future, and not before the slip's latest progress update — a progress update
 * is owed only once the answer is late, so an answer stated earlier than it would turn a late slip
 * into one answered on time (fourteenth session); on a connected transfer, within that call as the
 * switchboard recorded it (fifteenth session). Returns the refusal, or null.
 */
export function phoneAnswerTimeRefusal(
  answeredAt: Date,
  slipSentAt: Date,
  now: Date,
  latestProgressAt: Date | null = null,
  call: TransferredCall | null = null,
): PhoneAnswerTimeRefusal | null {
  const outOfRange = (message: string) => ({ code: "out_of_range" as const, message });
  if (answeredAt.getTime() < slipSentAt.getTime())
    return outOfRange("Thời điểm trả lời qua điện thoại không được trước lúc nhận phiếu chuyển.");
  if (answeredAt.getTime() > now.getTime())
    return outOfRange("Thời điểm trả lời qua điện thoại không được ở tương lai.");
  if (latestProgressAt && answeredAt.getTime() < latestProgressAt.getTime()) {
    return {
      code: "before_progress",
      message:
        "Thời điểm trả lời qua điện thoại không được trước lần cập nhật tiến độ gần nhất của phiếu chuyển: khi cập nhật tiến độ, phiếu chưa được trả lời (Điều 10.3).",
    };
  }
  // Fifteenth session: an answer on the transferred call happened while that call was connected —
  // the switchboard's record, not the focal point's word (a minute's grace for clocks and rounding).
  const grace = 60_000;
  if (
    call &&
    (answeredAt.getTime() < call.connectedAt.getTime() - grace ||
      (call.endedAt && answeredAt.getTime() > call.endedAt.getTime() + grace))
  ) {
    return {
      code: "outside_call",
      message:
        "Thời điểm trả lời trên cuộc gọi chuyển tiếp phải nằm trong thời gian cuộc gọi được nối máy đến cơ quan (theo tổng đài); nếu đã gọi lại cho người yêu cầu, hãy chọn gọi lại (via = call_back).",
    };
  }
  return null;
}

/** Why a phone answer cannot be given the way stated. */
export interface PhoneAnswerViaRefusal {
  code: "not_connected" | "no_phone";
  message: string;
}

/**
 * Art. 10.1–10.3: a phone answer is given either on the transferred call (only when the transfer
 * connected) or by calling the requester back — which needs a phone number on record (sixteenth
 * session: a request from email, Zalo, Facebook or the portal without a number, or whose number was
 * erased, cannot have been answered by a call back, so the agency records a written answer).
 * Returns the refusal, or null.
 */
export function phoneAnswerViaRefusal(
  via: "transfer" | "call_back",
  transferAttempt: "connected" | "failed" | "not_attempted",
  requesterPhone: string | null,
): PhoneAnswerViaRefusal | null {
  if (via === "transfer" && transferAttempt !== "connected") {
    return {
      code: "not_connected",
      message:
        "Cuộc gọi chưa được chuyển nối thành công đến cơ quan, nên không thể trả lời trên cuộc gọi chuyển tiếp; hãy gọi lại cho người yêu cầu (via = call_back) rồi ghi nhận.",
    };
  }
  if (via === "call_back" && !requesterPhone?.trim()) {
    return {
      code: "no_phone",
      message:
        "Yêu cầu không có số điện thoại của người yêu cầu, nên không thể gọi lại để trả lời; hãy cập nhật kết quả trả lời bằng văn bản trên phần mềm.",
    };
  }
  return null;
}

/** A reminder step (Art. 13.1): before the due time, then once missed. */
export type ReminderStep = "due_soon" | "missed";

/** Which reminder an open obligation calls for now, if any. */
export function reminderStepOf(
  o: ObligationFacts,
  now: Date,
  calendar: WorkingCalendar,
  leadHours: number,
): ReminderStep | null {
  const state = obligationState(o, now, calendar, leadHours);
  return state === "due_soon" || state === "missed" ? state : null;
}
