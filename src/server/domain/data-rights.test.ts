import { describe, expect, it } from "vitest";
import { formatVnIso } from "../../shared/time.js";
import { createWorkingCalendar, defaultCalendarConfig } from "./calendar/index.js";
import {
  acknowledgementDueAt,
  decisionDueAt,
  dueStateOf,
  erasableTerms,
  erasureRefusal,
  reminderStepOf,
} from "./data-rights.js";

const calendar = createWorkingCalendar(defaultCalendarConfig);
const vn = (s: string) => new Date(s);
const due = (d: Date) => formatVnIso(d);

describe("data-subject request deadlines (Decree 356/2025 Art. 5; Civil Code Art. 147–148)", () => {
  it("acknowledgement: close of the 2nd working day after the day of receipt", () => {
    // Monday morning → Tuesday, Wednesday.
    expect(due(acknowledgementDueAt(vn("2026-03-02T09:00:00+07:00"), calendar))).toBe(
      "2026-03-04T17:00:00+07:00",
    );
    // Received on a Saturday evening: Monday and Tuesday.
    expect(due(acknowledgementDueAt(vn("2026-03-07T20:00:00+07:00"), calendar))).toBe(
      "2026-03-10T17:00:00+07:00",
    );
    // Tết 2026 (16–20/2): received Friday 13/2 → Mon 23/2, Tue 24/2.
    expect(due(acknowledgementDueAt(vn("2026-02-13T10:00:00+07:00"), calendar))).toBe(
      "2026-02-24T17:00:00+07:00",
    );
  });

  it("decision: N calendar days, a last day off moved to the next working day", () => {
    const received = vn("2026-04-24T10:00:00+07:00"); // Friday
    expect(due(decisionDueAt("access", received, calendar))).toBe("2026-05-04T17:00:00+07:00");
    expect(due(decisionDueAt("correction", received, calendar))).toBe("2026-05-04T17:00:00+07:00");
    expect(due(decisionDueAt("restriction", received, calendar))).toBe("2026-05-11T17:00:00+07:00"); // Sat 9/5 → Mon
    expect(due(decisionDueAt("deletion", received, calendar))).toBe("2026-05-14T17:00:00+07:00");
    // 10 days from 22/8/2026 lands on Tue 1/9 (National Day) → Thu 3/9.
    expect(due(decisionDueAt("access", vn("2026-08-22T09:00:00+07:00"), calendar))).toBe(
      "2026-09-03T17:00:00+07:00",
    );
  });

  it("reminder steps follow the deadline in force", () => {
    const c = {
      status: "received",
      ackDueAt: vn("2026-03-04T17:00:00+07:00"),
      dueAt: vn("2026-03-12T17:00:00+07:00"),
    };
    expect(reminderStepOf(c, vn("2026-03-03T09:00:00+07:00"), calendar)).toBeNull();
    expect(reminderStepOf(c, vn("2026-03-04T09:00:00+07:00"), calendar)).toBe("ack_due_soon");
    expect(reminderStepOf(c, vn("2026-03-04T17:00:00+07:00"), calendar)).toBe("ack_missed");
    const acked = { ...c, status: "acknowledged" };
    expect(reminderStepOf(acked, vn("2026-03-05T09:00:00+07:00"), calendar)).toBeNull();
    expect(reminderStepOf(acked, vn("2026-03-12T10:00:00+07:00"), calendar)).toBe("due_soon");
    expect(reminderStepOf(acked, vn("2026-03-13T10:00:00+07:00"), calendar)).toBe("missed");
    expect(dueStateOf({ ...c, status: "done" }, vn("2026-04-01T10:00:00+07:00"), calendar)).toBe("closed");
    expect(dueStateOf(acked, vn("2026-03-13T10:00:00+07:00"), calendar)).toBe("late");
  });

  it("erasure is refused while held, in handling or within the archive period", () => {
    const now = vn("2026-06-01T09:00:00+07:00");
    const old = vn("2020-06-01T09:00:00+07:00");
    expect(erasureRefusal({ status: "closed", receivedAt: old, legalHold: false }, now, 1825)).toBeNull();
    expect(erasureRefusal({ status: "closed", receivedAt: old, legalHold: true }, now, 1825)?.code).toBe(
      "legal_hold",
    );
    expect(erasureRefusal({ status: "forwarded", receivedAt: old, legalHold: false }, now, 1825)?.code).toBe(
      "in_handling",
    );
    const recent = erasureRefusal(
      { status: "closed", receivedAt: vn("2025-06-01T09:00:00+07:00"), legalHold: false },
      now,
      1825,
    );
    expect(recent?.code).toBe("archive_period");
    expect(recent?.reason).toContain("31/05/2030"); // 1825 days, 2028 is a leap year;
  });
});

describe("the words erased from free text", () => {
  const held = [
    {
      full_name: "Lê Văn Tám",
      phone: "+84904777888",
      email: null,
      address: "Lê Văn Tám, thôn Đông, xã Quảng Phú",
    },
    { full_name: "Lê Văn Tám", phone: "+84904777888", email: "tam@example.vn", address: null },
  ];

  it("holds a phone also as people write it, each word once, the longest first", () => {
    expect(erasableTerms(held, ["Lê Văn Tám", null])).toEqual([
      "Lê Văn Tám, thôn Đông, xã Quảng Phú",
      "tam@example.vn",
      "+84904777888",
      "Lê Văn Tám",
      "0904777888",
    ]);
  });

  it("is empty for a request that holds no contact", () => {
    expect(erasableTerms([{ full_name: null, phone: null, email: null, address: null }])).toEqual([]);
  });
});
