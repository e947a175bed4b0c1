import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { checkFollowRow, followRow } from "./follow.repository.js";

/**
 * The follow row's checked copy (issue 16) stands for `followRow` at the repository boundary
 * (issue 10): whatever it returns is what Zod's parse returns, and a malformed row is refused
 * with Zod's own error, never passed on.
 */
const bare = {
  id: "0d6c1a4e-3f0b-4c1e-9a55-2f1d3c4b5a69",
  code: "2612-ABCDEF",
  follow_secret_hash: null,
  channel: "portal",
  status: "received",
  received_ms: 1_764_745_079_965,
  field_name: null,
  agency_name: null,
  answering_agency_name: null,
  public_answer: null,
  answer_status: "received",
  merged_into_code: null,
  published_ms: null,
  taken_down_ms: null,
  awaiting_requester: false,
  contact_phone: "+84910000001",
  contact_email: null,
  slip_due_ms: null,
  slip_appointment_ms: null,
  history: [],
  latest_answer: null,
  answer_attachments: [],
  messages: [],
  feedback: null,
};
const full = {
  ...bare,
  follow_secret_hash: "ab12",
  status: "merged",
  field_name: "Y tế",
  agency_name: "Sở Y tế",
  answering_agency_name: "Sở Xây dựng",
  public_answer: 'Trả lời "công khai" </script>',
  answer_status: "published",
  merged_into_code: "2612-XYZXYZ",
  published_ms: 1_764_745_100_000,
  taken_down_ms: 1_764_745_200_000.5,
  awaiting_requester: true,
  contact_email: "dan@example.vn",
  slip_due_ms: 1_764_745_300_000,
  slip_appointment_ms: 1_764_745_400_000,
  history: [
    { at: 1_764_745_079_965, text: "Đã tiếp nhận" },
    { at: 1_764_745_179_965, text: "Đã chuyển\n(dòng 2)", extra: 1 },
  ],
  latest_answer: { body: "Trả lời 😀", agency: null },
  answer_attachments: [
    { public_id: "p1", filename: "công văn.pdf", mime_type: "application/pdf", size_bytes: 1234 },
  ],
  messages: [
    { direction: "out", agency: "Sở Y tế", body: "Xin bổ sung?", at: 1_764_745_500_000 },
    { direction: "in", agency: null, body: "Thôn 3", at: 1_764_745_600_000 },
  ],
  feedback: { resolved: true, rating: 4, at: 1_764_745_700_000 },
  unknown_column: "left out",
};
/** Keys in order and values, Dates as their time. */
const spelled = (row: unknown) =>
  JSON.stringify(row, (_key, value) => (value instanceof Date ? `Date ${value.getTime()}` : value));

describe("the follow row's checked copy", () => {
  it("returns what Zod's parse returns, key for key", () => {
    const coerced = { ...full, answer_attachments: [{ ...full.answer_attachments[0], size_bytes: "1234" }] };
    for (const row of [bare, full, coerced]) {
      const checked = checkFollowRow(row);
      expect(checked).toStrictEqual(followRow.parse(row));
      expect(spelled(checked)).toBe(spelled(followRow.parse(row)));
    }
    expect(checkFollowRow(full)).not.toHaveProperty("unknown_column");
  });

  const { code: _code, ...withoutCode } = bare;
  const malformed: Record<string, unknown> = {
    "not an object": "row",
    "an array": [bare],
    "a missing column": withoutCode,
    "an unknown status": { ...bare, status: "lost" },
    "an unknown answer status": { ...bare, answer_status: 3 },
    "an unknown channel": { ...bare, channel: "fax" },
    "a code as a number": { ...bare, code: 2612 },
    "an instant as text": { ...bare, received_ms: "2026-12-03" },
    "an instant NaN": { ...bare, published_ms: Number.NaN },
    "an instant infinite": { ...bare, slip_due_ms: Number.POSITIVE_INFINITY },
    "a boolean as text": { ...bare, awaiting_requester: "true" },
    "a null where none may be": { ...bare, awaiting_requester: null },
    "history not a list": { ...bare, history: {} },
    "a history entry without its time": { ...bare, history: [{ text: "x" }] },
    "an answer without a body": { ...bare, latest_answer: { agency: null } },
    "an attachment's size not a number": {
      ...bare,
      answer_attachments: [{ public_id: "p", filename: "f", mime_type: "m", size_bytes: "big" }],
    },
    "a message's direction": { ...bare, messages: [{ direction: "up", agency: null, body: "b", at: 1 }] },
    "a rating as text": { ...bare, feedback: { resolved: true, rating: "4", at: 1 } },
    "feedback without its time": { ...bare, feedback: { resolved: true, rating: 4 } },
  };
  it.each(Object.entries(malformed))("refuses %s with Zod's own error", (_what, row) => {
    const zod = followRow.safeParse(row);
    expect(zod.success).toBe(false);
    let refused: unknown;
    try {
      checkFollowRow(row);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ZodError);
    expect((refused as ZodError).issues).toStrictEqual(zod.error?.issues);
  });
});
