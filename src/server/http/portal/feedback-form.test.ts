import { describe, expect, it } from "vitest";
import { useStaffApp } from "../../../test/staff-app.js";
import { FEEDBACK_MESSAGES } from "./feedback-form.js";
import { escapeHtml } from "./html.js";

/**
 * The follow page's rating form refused as incomplete (6 December 2026, thirty-sixth session): sent
 * without the browser's checks (no JavaScript, novalidate), the answer was a page with one link back
 * to /tra-cuu — code, phone and comment to type again. Now the form comes back as typed, with the
 * message at each field, and its fields carry the Vietnamese data-required messages of the submit form.
 */
describe("the rating form refused as incomplete", () => {
  const s = useStaffApp({ now: new Date("2026-03-10T09:00:00+07:00") });
  let client = 0;
  const post = (url: string, fields: Record<string, string>) =>
    s.t.app.inject({
      remoteAddress: `10.36.0.${++client}`,
      method: "POST",
      url,
      payload: new URLSearchParams(fields).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  const tokenOf = (body: string) =>
    /name="token" value="([^"]+)"/.exec(body.slice(body.indexOf("/tra-cuu/danh-gia")))?.[1] ?? "";

  it("carries the Vietnamese messages at its fields on the follow page", async () => {
    const p = await s.published("Trạm y tế phường tiêm cho trẻ em vào thứ Bảy hằng tuần.");
    const page = await post("/tra-cuu", { ma: p.code, sdt: "0912 345 678" });
    expect(page.body).toContain("data-validate>");
    expect(page.body).toContain(
      `value="co" required data-required="${FEEDBACK_MESSAGES.da_giai_quyet}" aria-describedby="da_giai_quyet-err">`,
    );
    expect(page.body).toContain(
      `name="muc_hai_long" required data-required="${FEEDBACK_MESSAGES.muc_hai_long}" aria-describedby="muc_hai_long-err">`,
    );
    expect(page.body).toContain('<p class="err" id="muc_hai_long-err" hidden></p>');
    expect(page.body).toMatch(/<script src="\/assets\/validate\.js\?v=[0-9a-f]+" defer><\/script>/);
    expect((await s.t.app.inject({ url: "/assets/validate.js" })).statusCode).toBe(200);
  });

  it("answers the form again with what was typed, escaped, and the message at each missing field", async () => {
    const p = await s.published("Đơn vị thi công sẽ khắc phục trong tuần này.");
    const token = tokenOf((await post("/tra-cuu", { ma: p.code, sdt: "0912 345 678" })).body);
    expect(token).not.toBe("");
    const comment = 'Cán bộ nhiệt tình </textarea><script>alert(1)</script> "rõ ràng"';
    const res = await post("/tra-cuu/danh-gia", { token, da_giai_quyet: "chua", y_kien: comment });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.body).toContain(`Chưa gửi được đánh giá cho yêu cầu ${p.code}`);
    // The same token, so the citizen types neither code nor phone again.
    expect(res.body).toContain(`name="token" value="${token}"`);
    expect(res.body).toContain('value="chua" checked aria-describedby="da_giai_quyet-err">');
    expect(res.body).not.toContain('id="da_giai_quyet-err">Vui');
    expect(res.body).toContain('aria-describedby="muc_hai_long-err" aria-invalid="true">');
    expect(res.body).toContain(`<p class="err" id="muc_hai_long-err">${FEEDBACK_MESSAGES.muc_hai_long}</p>`);
    expect(res.body).toContain(`aria-describedby="y_kien-err">${escapeHtml(comment)}</textarea>`);
    expect(res.body).not.toContain("<script>alert");
    expect(res.body).toContain(`href="/tra-cuu?ma=${p.code}"`);

    // Nothing chosen: both fields say so; a rating out of range is not kept.
    const empty = await post("/tra-cuu/danh-gia", { token, muc_hai_long: "9" });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain(
      `<p class="err" id="da_giai_quyet-err">${FEEDBACK_MESSAGES.da_giai_quyet}</p>`,
    );
    expect(empty.body).toContain(
      `<p class="err" id="muc_hai_long-err">${FEEDBACK_MESSAGES.muc_hai_long}</p>`,
    );
    expect(empty.body).not.toMatch(/<option value="\d" selected/);

    // Sent again from that page, corrected: recorded.
    const sent = await post("/tra-cuu/danh-gia", {
      token,
      da_giai_quyet: "co",
      muc_hai_long: "4",
      y_kien: comment,
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain("Cảm ơn bạn đã đánh giá");
  });

  it("tells a citizen whose answer did not resolve it who takes it up, not a bare «Sở»", async () => {
    // Thirty-seventh session's walk: answered by «Sở Y tế», the citizen read «chuyển lại Sở» as that
    // agency; it goes to the hotline's coordinators.
    const p = await s.published("Trạm y tế phường tiêm cho trẻ em vào thứ Bảy hằng tuần.");
    const followed = await post("/tra-cuu", { ma: p.code, sdt: "0912 345 678" });
    const to = "chuyển lại bộ phận điều phối của Tổng đài 1022 để xem xét";
    expect(followed.body).toContain(`Chưa giải quyết (yêu cầu sẽ được ${to})`);
    const token = tokenOf(followed.body);
    const sent = await post("/tra-cuu/danh-gia", { token, da_giai_quyet: "chua", muc_hai_long: "2" });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain(`Yêu cầu đã được ${to}; bạn sẽ được thông báo kết quả.`);
    const again = await post("/tra-cuu", { ma: p.code, sdt: "0912 345 678" });
    expect(again.body).toContain(`yêu cầu đã được ${to}.`);
    for (const body of [followed.body, sent.body, again.body]) expect(body).not.toMatch(/lại Sở[ .]/);
  });
});
