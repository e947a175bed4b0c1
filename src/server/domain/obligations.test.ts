import { describe, expect, it } from "vitest";
import { formatVnIso } from "../../shared/time.js";
import { createWorkingCalendar, defaultCalendarConfig } from "./calendar/index.js";
import {
  arising,
  dueStateOf,
  type ObligationFacts,
  obligationState,
  phoneAnswerMoment,
  phoneAnswerTimeRefusal,
  phoneAnswerViaRefusal,
  progressRefusal,
  reminderStepOf,
  type TimeLimits,
  waiverRefusal,
} from "./obligations.js";

const cal = createWorkingCalendar(defaultCalendarConfig);
const at = (iso: string) => new Date(iso);
const limits: TimeLimits = { answer: 8, record_after_phone: 4, progress: 4, publish: 8, reminder_lead: 1 };
const open = (due: string): ObligationFacts => ({ dueAt: at(due), metAt: null, waivedAt: null });

describe("obligations: due times from the stored limits, in working time (Art. 10.3)", () => {
  it("an answer obligation arising on a Friday afternoon before a holiday falls due after the weekend and the holiday", () => {
    // Fri 24/4/2026 15:00; Sat–Sun off; Mon 27/4 compensatory day for Hùng Kings.
    const o = arising("answer", at("2026-04-24T15:00:00+07:00"), limits, cal);
    expect(o).toMatchObject({ kind: "answer", limitHours: 8 });
    expect(formatVnIso(o.dueAt)).toBe("2026-04-28T15:00:00+07:00");
  });

  it("copies the limit in force: another stored figure gives another due time", () => {
    const o = arising("record", at("2026-03-06T16:00:00+07:00"), { ...limits, record_after_phone: 2 }, cal);
    expect(o.limitHours).toBe(2);
    expect(formatVnIso(o.dueAt)).toBe("2026-03-09T08:00:00+07:00");
  });
});

describe("obligationState", () => {
  const due = "2026-03-03T09:00:00+07:00";
  it.each([
    ["2026-03-02T09:00:00+07:00", "open"],
    ["2026-03-03T08:00:00+07:00", "due_soon"],
    ["2026-03-02T16:30:00+07:00", "open"], // 30 min on Monday + 2 h on Tuesday: beyond the 1 h lead
    ["2026-03-03T09:00:00+07:00", "due_soon"], // the due instant itself is still on time
    ["2026-03-03T09:00:01+07:00", "missed"],
  ])("at %s an open obligation due Tue 09:00 is %s", (now, state) => {
    expect(obligationState(open(due), at(now), cal, 1)).toBe(state);
  });

  it("the lead is counted in working hours: Friday 16:30 is due soon for Monday 07:20", () => {
    expect(obligationState(open("2026-03-09T07:20:00+07:00"), at("2026-03-06T16:30:00+07:00"), cal, 1)).toBe(
      "due_soon",
    );
  });

  it("met on time, met late, waived", () => {
    const o = open(due);
    expect(obligationState({ ...o, metAt: at(due) }, at("2026-03-10T09:00:00+07:00"), cal, 1)).toBe(
      "met_on_time",
    );
    expect(obligationState({ ...o, metAt: at("2026-03-03T09:01:00+07:00") }, at(due), cal, 1)).toBe(
      "met_late",
    );
    expect(obligationState({ ...o, waivedAt: at(due) }, at("2026-03-10T09:00:00+07:00"), cal, 1)).toBe(
      "waived",
    );
  });
});

describe("dueStateOf: lateness of a request or slip from its open obligations", () => {
  const now = at("2026-03-04T08:00:00+07:00");
  it("a missed answer stays late even when a later appointment is open (a progress update is no extension)", () => {
    const answer = open("2026-03-03T09:00:00+07:00");
    const appointment = open("2026-03-05T10:00:00+07:00");
    const d = dueStateOf([appointment, answer], now, cal, 1);
    expect(d.dueState).toBe("late");
    expect(formatVnIso(d.dueAt as Date)).toBe("2026-03-03T09:00:00+07:00");
    expect(d.workingHoursLeft).toBe(-7); // Tue 09:00 → Wed 08:00: 6 h on Tuesday, 1 h on Wednesday
  });

  it("met and waived obligations do not count; nothing open → no due state", () => {
    const met = { ...open("2026-03-03T09:00:00+07:00"), metAt: at("2026-03-03T10:00:00+07:00") };
    const waived = { ...open("2026-03-03T09:00:00+07:00"), waivedAt: at("2026-03-03T10:00:00+07:00") };
    expect(dueStateOf([met, waived], now, cal, 1)).toEqual({
      dueAt: null,
      workingHoursLeft: null,
      dueState: null,
      governing: null,
    });
    expect(dueStateOf([met, open("2026-03-04T08:30:00+07:00")], now, cal, 1).dueState).toBe("due_soon");
    // The governing duty is the earliest open one, whatever order they come in.
    const later = { ...open("2026-03-06T08:30:00+07:00"), kind: "publish" };
    const earlier = { ...open("2026-03-05T08:30:00+07:00"), kind: "progress" };
    expect(dueStateOf([later, met, earlier], now, cal, 1).governing).toBe(earlier);
    expect(dueStateOf([open("2026-03-05T08:30:00+07:00")], now, cal, 1).dueState).toBe("ok");
  });
});

describe("guards of the lifecycle", () => {
  it("a progress update is refused until the answer obligation has passed unmet", () => {
    const answer = open("2026-03-03T09:00:00+07:00");
    expect(progressRefusal(answer, at("2026-03-03T08:59:00+07:00"))).toContain("Chưa quá thời hạn");
    expect(progressRefusal(answer, at("2026-03-03T09:30:00+07:00"))).toBeNull();
    expect(
      progressRefusal({ ...answer, metAt: at("2026-03-03T10:00:00+07:00") }, at("2026-03-04T09:00:00+07:00")),
    ).toContain("đã được trả lời");
    expect(progressRefusal(undefined, at("2026-03-04T09:00:00+07:00"))).not.toBeNull();
  });

  it("a waiver is refused once the duty is met, waived or past its due time (to the millisecond)", () => {
    const due = "2026-03-03T09:00:00+07:00";
    const o = open(due);
    expect(waiverRefusal(o, at(due))).toBeNull();
    expect(waiverRefusal(o, new Date(at(due).getTime() + 1))?.code).toBe("past_due");
    expect(waiverRefusal({ ...o, metAt: at(due) }, at(due))?.code).toBe("already_met");
    expect(waiverRefusal({ ...o, waivedAt: at(due) }, at(due))?.code).toBe("already_waived");
    // Met late stays met: not "past_due", so the message names what happened.
    expect(
      waiverRefusal({ ...o, metAt: at("2026-03-04T09:00:00+07:00") }, at("2026-03-05T09:00:00+07:00"))?.code,
    ).toBe("already_met");
  });

  it("a phone answer without a stated time on a transferred call that ended is the call's end", () => {
    const now = at("2026-03-03T10:00:00+07:00");
    const ended = at("2026-03-03T09:20:00+07:00");
    const call = { connectedAt: at("2026-03-03T09:10:00+07:00"), endedAt: ended };
    expect(phoneAnswerMoment(null, call, now)).toEqual(ended);
    expect(phoneAnswerMoment(null, { ...call, endedAt: null }, now)).toEqual(now);
    expect(phoneAnswerMoment(null, null, now)).toEqual(now);
    const stated = at("2026-03-03T09:15:00+07:00");
    expect(phoneAnswerMoment(stated, call, now)).toEqual(stated);
    expect(
      phoneAnswerTimeRefusal(
        at("2026-03-03T09:22:00+07:00"),
        at("2026-03-03T09:00:00+07:00"),
        now,
        null,
        call,
      )?.code,
    ).toBe("outside_call");
    expect(
      phoneAnswerTimeRefusal(
        at("2026-03-03T09:21:00+07:00"),
        at("2026-03-03T09:00:00+07:00"),
        now,
        null,
        call,
      ),
    ).toBeNull();
  });

  it("a phone answer time is not before the slip and not in the future", () => {
    const sent = at("2026-03-02T09:00:00+07:00");
    const now = at("2026-03-02T15:00:00+07:00");
    expect(phoneAnswerTimeRefusal(at("2026-03-02T08:59:00+07:00"), sent, now)?.message).toContain(
      "trước lúc nhận phiếu",
    );
    expect(phoneAnswerTimeRefusal(at("2026-03-02T15:01:00+07:00"), sent, now)?.message).toContain(
      "tương lai",
    );
    expect(phoneAnswerTimeRefusal(sent, sent, now)).toBeNull();
    expect(phoneAnswerTimeRefusal(now, sent, now)).toBeNull();
  });

  // Fourteenth session: a progress update is owed only once the answer is late, so an answer stated
  // before it would make a late slip answered on time.
  it("a phone answer time is not before the slip's latest progress update", () => {
    const sent = at("2026-03-02T09:00:00+07:00");
    const progress = at("2026-03-03T10:00:00+07:00");
    const now = at("2026-03-03T11:00:00+07:00");
    expect(phoneAnswerTimeRefusal(at("2026-03-02T16:00:00+07:00"), sent, now, progress)).toMatchObject({
      code: "before_progress",
      message: expect.stringContaining("cập nhật tiến độ"),
    });
    expect(phoneAnswerTimeRefusal(progress, sent, now, progress)).toBeNull();
    expect(phoneAnswerTimeRefusal(now, sent, now, progress)).toBeNull();
    expect(phoneAnswerTimeRefusal(at("2026-03-02T08:00:00+07:00"), sent, now, progress)?.code).toBe(
      "out_of_range",
    );
  });

  it("answering on the transferred call needs a connected transfer; a call back needs a phone number", () => {
    const phone = "0912345678";
    expect(phoneAnswerViaRefusal("transfer", "connected", phone)).toBeNull();
    expect(phoneAnswerViaRefusal("transfer", "failed", phone)?.message).toContain("gọi lại");
    expect(phoneAnswerViaRefusal("transfer", "not_attempted", phone)?.code).toBe("not_connected");
    expect(phoneAnswerViaRefusal("call_back", "failed", phone)).toBeNull();
    expect(phoneAnswerViaRefusal("call_back", "not_attempted", null)?.code).toBe("no_phone");
    expect(phoneAnswerViaRefusal("call_back", "failed", "  ")?.code).toBe("no_phone");
    // On a connected transfer the number is the switchboard's business, not the record's.
    expect(phoneAnswerViaRefusal("transfer", "connected", null)).toBeNull();
  });

  it("reminder steps: due soon within the lead, then missed; none for met or far obligations", () => {
    const o = open("2026-03-03T09:00:00+07:00");
    expect(reminderStepOf(o, at("2026-03-02T09:00:00+07:00"), cal, 1)).toBeNull();
    expect(reminderStepOf(o, at("2026-03-03T08:15:00+07:00"), cal, 1)).toBe("due_soon");
    expect(reminderStepOf(o, at("2026-03-03T09:15:00+07:00"), cal, 1)).toBe("missed");
    expect(
      reminderStepOf(
        { ...o, metAt: at("2026-03-03T09:15:00+07:00") },
        at("2026-03-04T09:15:00+07:00"),
        cal,
        1,
      ),
    ).toBeNull();
  });
});
