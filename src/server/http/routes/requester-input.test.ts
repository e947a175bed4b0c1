import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { requestDetail } from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRawOne } from "../../db/client.js";

/**
 * 4 December 2026: the desk and the correction of a requester stored a phone «12abc» and an email
 * without «@» — only the console checked them. The staff API now checks the same rule
 * (`requesterInput`: `staffPhoneInput`, `emailInput`, "" for a cleared input).
 */
describe("the requester's phone and email as staff give them (desk, correction)", () => {
  const s = useStaffApp({ users: ["operator"], eachTestAt: "2026-03-02T09:00:00+07:00" /* Monday */ });

  const stored = () =>
    execRawOne<{ requests: number; requesters: number; events: number; outbox: number }>(
      s.t.ctx.db,
      sql`select (select count(*)::int from requests) as requests,
                 (select count(*)::int from requesters) as requesters,
                 (select count(*)::int from events) as events,
                 (select count(*)::int from outbox) as outbox`,
    );
  const post = (requester: Record<string, unknown>) =>
    s.operator.inject({
      method: "POST",
      url: "/api/v1/requests",
      payload: { channel: "phone", requester, content: "Tôi muốn hỏi về lịch tiêm vắc xin cho trẻ em" },
    });
  const rejected = (res: Parameters<typeof error>[0], field: string) => {
    const body = error(res, 400);
    expect(body.code).toBe("VALIDATION");
    const details = (body as { details?: { field: string; message: string }[] }).details ?? [];
    expect(details.map((d) => d.field)).toEqual([field]);
    return details[0]?.message;
  };

  it.each([
    [
      "a phone with letters",
      { phone: "12abc" },
      "requester.phone",
      "Số điện thoại chỉ gồm chữ số (ví dụ 0912 345 678)",
    ],
    ["a phone of separators only", { phone: "-- --" }, "requester.phone", "Số điện thoại không hợp lệ"],
    ["an email without «@»", { email: "abc" }, "requester.email", "Địa chỉ thư điện tử không hợp lệ"],
  ])("desk: %s → 400 naming the field, nothing stored", async (_name, requester, field, message) => {
    const before = await stored();
    expect(rejected(await post({ fullName: "Lê Thị Hoa", ...requester }), field)).toBe(message);
    expect(await stored()).toEqual(before);
  });

  it.each([
    ["a phone with letters", { phone: "12abc" }, "requester.phone"],
    ["an email without «@»", { email: "abc" }, "requester.email"],
  ])("correction: %s → 400 naming the field, the request unchanged", async (_name, requester, field) => {
    const r = await s.drive.create(s.operator, {
      requester: { fullName: "Lê Thị Hoa", phone: "0912 345 678", email: "hoa@example.vn" },
    });
    const before = await stored();
    rejected(await s.drive.edit(s.operator, r, { requester }), field);
    const after = await s.drive.get(s.operator, r.id);
    expect(after.version).toBe(r.version);
    expect(after.requester).toEqual(r.requester);
    expect(after.events).toHaveLength(r.events.length);
    expect(await stored()).toEqual(before);
  });

  it.each([
    ["a mobile with spaces", "0912 345 678", "0912345678"],
    ["+84 with dots", "+84 912.345.678", "0912345678"],
    ["a landline", "(0237) 385 2345", "02373852345"],
    ["a short number", "113", "113"],
  ])("desk and correction accept %s", async (_name, phone, shown) => {
    const r = await s.drive.create(s.operator, { requester: { fullName: "Lê Thị Hoa", phone } });
    expect(r.requester.phone).toBe(shown);
    const other = await s.drive.create(s.operator, { requester: { fullName: "Trần Văn Nam" } });
    const corrected = json(await s.drive.edit(s.operator, other, { requester: { phone } }), requestDetail);
    expect(corrected.requester.phone).toBe(shown);
    expect(corrected.version).toBe(other.version + 1);
  });

  it('"" is a cleared input, as before: no value at intake, a correction with "" clears the value', async () => {
    const r = await s.drive.create(s.operator, {
      requester: { fullName: "Lê Thị Hoa", phone: "", email: "  " },
    });
    expect(r.requester).toMatchObject({ phone: null, email: null });
    const given = await s.drive.create(s.operator, {
      requester: { fullName: "Lê Thị Hoa", phone: "0912 345 679", email: "hoa@example.vn" },
    });
    const cleared = json(
      await s.drive.edit(s.operator, given, { requester: { phone: "", email: "" } }),
      requestDetail,
    );
    expect(cleared.requester).toMatchObject({ phone: null, email: null });
  });
});
