import { describe, expect, it } from "vitest";
import { submitPortal, validSubmission } from "../../../test/citizen.js";
import { useTestApp } from "../../../test/hooks.js";

/**
 * A code read aloud by the operator or copied from a message comes back typed every which way
 * (4 December 2026, twenty-fifth session): before, anything but the exact "2612-7K0M9Q" was the
 * look-up's 404, though the code's alphabet (Crockford's) was chosen to survive O for 0.
 */
describe("following a request by a code as people type it", () => {
  const t = useTestApp();

  it("finds the request on the follow page and in the JSON look-up; a wrong phone is still the 404", async () => {
    const created = await submitPortal(t.app);
    expect(created.statusCode).toBe(201);
    const code = created.json<{ code: string }>().code;
    const [month, tail] = code.split("-") as [string, string];
    const typed = [
      `${month} ${tail.toLowerCase()}`,
      `${month}${tail}`,
      `${month}–${tail}`,
      // The month (01–12) always has a 0 or a 1.
      code.replace(/0/g, "O").replace(/1/g, "l"),
      // Copied with the sentence's punctuation: the SMS reads «Mã yêu cầu: 2612-7K0M9Q.» (walk-cit-39).
      `${code}.`,
      `«${code}»,`,
    ];
    for (const ma of typed) {
      const page = await t.app.inject({
        method: "POST",
        url: "/tra-cuu",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ ma, sdt: validSubmission.phone }).toString(),
      });
      expect(page.statusCode, ma).toBe(200);
      expect(page.body).toContain(`Yêu cầu ${code}`);
      const api = await t.app.inject({
        url: `/api/v1/public/requests/${encodeURIComponent(ma)}?phone=${validSubmission.phone}`,
      });
      expect(api.statusCode, ma).toBe(200);
      expect(api.json().code).toBe(code);
    }
    const wrong = await t.app.inject({
      method: "POST",
      url: "/tra-cuu",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ ma: `${month}${tail}`, sdt: "0911111111" }).toString(),
    });
    expect(wrong.statusCode).toBe(404);
  });

  // Thirty-eighth session: "abc" was the page without a word, NUL the API's JSON, a long code a
  // page without the form.
  it.each([
    ["a code too short", "abc"],
    ["a NUL", "%00"],
    ["a control character", "2612-VRX%1BJY"],
    ["a code too long", "2612-VRXBJY-2612-VRXBJY"],
    ["500 characters", "9".repeat(500)],
    ["the code twice", "2612-VRXBJY&ma=2612-VRXBJZ"],
  ])(
    "a follow link with %s: 400, the follow page with the form and a message at the code",
    async (_name, ma) => {
      const res = await t.app.inject({ url: `/tra-cuu?ma=${ma}` });
      expect(res.statusCode).toBe(400);
      expect(res.headers).toMatchObject({
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
      });
      expect(res.body).toContain("<h1>Tra cứu yêu cầu</h1>");
      expect(res.body).toContain('<form class="card" method="post" action="/tra-cuu">');
      expect(res.body).toContain('value="" aria-invalid="true" aria-describedby="ma-err">');
      expect(res.body).toContain('<p class="err" id="ma-err">Mã yêu cầu trong đường dẫn không đúng dạng');
      expect(res.body).toContain('href="/tra-cuu"');
      expect(res.body).toContain('href="tel:1022"');
      expect(res.body).not.toContain('"error"');
      expect(res.body).not.toContain("999");
    },
  );

  it("a follow link with a code, or none, is the page without a message", async () => {
    for (const url of ["/tra-cuu", "/tra-cuu?ma=", "/tra-cuu?ma=2612-VRXBJY"]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain("ma-err");
    }
  });
});
