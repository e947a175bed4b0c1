import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { FEEDBACK_COMMENT_MAX } from "../../../shared/schemas/feedback.js";
import { validSubmission } from "../../../test/citizen.js";
import { multipart } from "../../../test/multipart.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRawOne } from "../../db/client.js";

/**
 * A form's line breaks (6 December 2026, walk-cit-39). The browser counts a textarea's line break as
 * one character (its `maxlength`, the counter the citizen sees) but sends it as CR LF, as HTML forms
 * encode them. A letter of 10,000 characters with paragraphs, which the form let through, was refused
 * «Nội dung yêu cầu quá dài (tối đa 10.000 ký tự)»; a rating comment of 2,000 likewise. The portal's
 * forms now read a line break as the one character it was typed as.
 */
describe("a line break typed in a portal form counts once", () => {
  const s = useStaffApp({ now: new Date("2026-03-10T09:00:00+07:00") });
  /** Lines of `width` characters joined by LF, as the textarea holds them; exactly `total` long. */
  const typed = (total: number, width: number) => {
    const line = "Tôi xin trình bày sự việc như sau, mong Tổng đài giúp đỡ. ".repeat(10).slice(0, width - 1);
    return `${line}\n`
      .repeat(Math.ceil(total / width))
      .slice(0, total)
      .trimEnd()
      .padEnd(total, ".");
  };
  /** What the browser sends for that text: every line break as CR LF. */
  const sent = (text: string) => text.replaceAll("\n", "\r\n");

  it("the submit form's 10,000 characters in paragraphs are accepted and stored as typed", async () => {
    const content = typed(10_000, 100);
    expect(content).toHaveLength(10_000);
    const res = await s.t.app.inject({
      method: "POST",
      url: "/api/v1/public/requests",
      ...multipart({ ...validSubmission, content: sent(content) }),
    });
    // Before: 400 VALIDATION, «Nội dung yêu cầu quá dài (tối đa 10.000 ký tự)».
    expect(res.statusCode).toBe(201);
    const stored = await execRawOne<{ content: string }>(
      s.t.ctx.db,
      sql`select content from requests where code = ${res.json<{ code: string }>().code}`,
    );
    expect(stored?.content).toBe(content);
  });

  it("the rating form's comment of 2,000 characters in paragraphs is recorded", async () => {
    const p = await s.published("Trạm y tế phường tiêm cho trẻ em vào thứ Bảy hằng tuần.");
    const post = (url: string, fields: Record<string, string>) =>
      s.t.app.inject({
        method: "POST",
        url,
        payload: new URLSearchParams(fields).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    const page = await post("/tra-cuu", { ma: p.code, sdt: "0912 345 678" });
    const token = /name="token" value="([^"]+)"/.exec(
      page.body.slice(page.body.indexOf("/tra-cuu/danh-gia")),
    );
    const comment = typed(FEEDBACK_COMMENT_MAX, 80);
    const res = await post("/tra-cuu/danh-gia", {
      token: token?.[1] ?? "",
      da_giai_quyet: "co",
      muc_hai_long: "5",
      y_kien: sent(comment),
    });
    // Before: 400, the form again with «Ý kiến tối đa 2.000 ký tự».
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Cảm ơn bạn đã đánh giá");
  });
});
