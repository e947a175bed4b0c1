import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { AppError } from "../../shared/errors.js";
import { validSubmission } from "../../test/citizen.js";
import { error } from "../../test/http.js";
import { useStaffApp } from "../../test/staff-app.js";
import { execRawOne } from "../db/client.js";
import { toAppError } from "./errors.js";
import { findBadInput, MAX_DEPTH, textProblem } from "./input-hygiene.js";

describe("textProblem: what no field may hold", () => {
  it.each([
    ["plain Vietnamese", "Nguyễn Văn An, thôn 3", null],
    ["tab, line feed, carriage return", "a\tb\nc\r\nd", null],
    ["an emoji (a surrogate pair)", "cảm ơn 🙏", null],
    ["NUL", "a\u0000b", "nul"],
    ["a lone high surrogate", "a\ud800b", "surrogate"],
    ["a lone high surrogate at the end", "ab\ud83d", "surrogate"],
    ["a lone low surrogate", "\udc00", "surrogate"],
    ["backspace", "a\bb", "control"],
    ["escape", "\u001b[31m", "control"],
    ["DEL", "a\u007f", "control"],
  ])("%s", (_name, text, expected) => {
    expect(textProblem(text, 100)).toBe(expected);
  });

  it("over-long strings", () => {
    expect(textProblem("x".repeat(101), 100)).toBe("too_long");
    expect(textProblem("x".repeat(100), 100)).toBeNull();
  });

  it("walks keys, arrays and nesting without recursion, naming the field", () => {
    expect(findBadInput({ a: [{ b: "ok" }, { c: "x\u0000" }] }, 100)).toMatchObject({
      field: "a.1.c",
      code: "nul",
    });
    expect(findBadInput({ "k\ud800": 1 }, 100)).toMatchObject({ field: "body", code: "surrogate" });
    let deep: unknown = "x";
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(findBadInput(deep, 100)?.code).toBe("too_deep");
    let ok: unknown = "x";
    for (let i = 0; i < MAX_DEPTH - 1; i++) ok = { a: ok };
    expect(findBadInput(ok, 100)).toBeNull();
  });

  it("the PostgreSQL backstop: data exceptions are 400, other database errors stay 500", () => {
    const pgError = (code: string) =>
      Object.assign(new Error("Failed query"), { cause: Object.assign(new Error("x"), { code }) });
    expect(toAppError(pgError("22021")).code).toBe("BAD_INPUT");
    expect(toAppError(pgError("22P05")).code).toBe("BAD_INPUT");
    expect(toAppError(pgError("22P02")).status).toBe(400);
    expect(toAppError(pgError("54000")).status).toBe(400);
    expect(toAppError(pgError("42P01")).code).toBe("INTERNAL");
    expect(toAppError(new AppError("CONFLICT")).code).toBe("CONFLICT");
  });
});

/** The findings of the issue 14 probe, each now a 400 with the usual error body and nothing stored. */
describe("every input refused cleanly (issue 14)", () => {
  const s = useStaffApp({ users: ["operator"] });
  const valid = validSubmission;
  const counts = async () =>
    execRawOne<{ r: number; e: number; o: number }>(
      s.t.ctx.db,
      sql`select (select count(*)::int from requests) as r, (select count(*)::int from events) as e,
                 (select count(*)::int from outbox) as o`,
    );
  const boundary = "XXhygiene";
  const form = (parts: string) => ({
    method: "POST" as const,
    url: "/api/v1/public/requests",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: parts,
  });
  const field = (name: string, value: string) =>
    `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const validFields = Object.entries(valid)
    .map(([k, v]) => field(k, v))
    .join("");

  it.each([
    ["NUL in the public answers search", { method: "GET", url: "/api/v1/public/answers?q=%00" }, "query.q"],
    ["NUL in the portal's Q&A search", { method: "GET", url: "/hoi-dap?q=%00" }, "query.q"],
    ["NUL in a path parameter", { method: "GET", url: "/api/v1/public/answers/%00" }, "params.id"],
    ["a control character in a query", { method: "GET", url: "/api/v1/public/answers?q=a%1Bb" }, "query.q"],
    [
      "an over-long query value",
      { method: "GET", url: `/api/v1/public/answers?zz=${"x".repeat(3000)}` },
      "query.zz",
    ],
    [
      "a lone surrogate in a JSON body",
      {
        method: "POST",
        url: "/api/v1/public/requests",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ ...valid, fullName: "X" }).replace('"X"', '"\\ud800"'),
      },
      "fullName",
    ],
    [
      "NUL in a multipart field",
      form(`${field("fullName", "A\u0000n")}${field("phone", valid.phone)}--${boundary}--\r\n`),
      "fullName",
    ],
    [
      "NUL in a multipart file name",
      form(
        `${validFields}--${boundary}\r\ncontent-disposition: form-data; name="attachments"; filename="a\u0000.pdf"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.4\r\n--${boundary}--\r\n`,
      ),
      "attachments",
    ],
    [
      "NUL in the follow form",
      {
        method: "POST",
        url: "/tra-cuu",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "ma=%00&sdt=0987654321",
      },
      "ma",
    ],
  ] as const)("%s → 400 BAD_INPUT naming the field", async (_name, request, fieldName) => {
    const before = await counts();
    const res = await s.t.app.inject(request);
    const e = error(res, 400);
    expect(e.code).toBe("BAD_INPUT");
    expect(e.message).toMatch(/ký tự/);
    expect(e.details?.[0]?.field).toBe(fieldName);
    // Refused before any route: the answer still carries the security headers (it did not).
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(res.headers["content-security-policy"])).toContain("default-src 'self'");
    expect(await counts()).toEqual(before);
  });

  // Refused by Fastify's router before any hook (frameworkErrors): its English body echoing the
  // URL, without the security headers, was the answer (2 December 2026, adversarial review).
  it.each([
    ["a path that is not percent-encoded UTF-8", "/api/v1/public/answers/%FF%FE", "bad_url"],
    ["a cut-off percent sequence in a path", "/api/v1/public/requests/%E0%A4%A?phone=0987654321", "bad_url"],
    ["a path parameter over the router's limit", `/api/v1/public/answers/${"a".repeat(150)}`, "too_long"],
  ] as const)("%s → 400 BAD_INPUT in our body, with the headers", async (_name, url, code) => {
    const res = await s.t.app.inject({ method: "GET", url });
    const e = error(res, 400);
    expect(e.code).toBe("BAD_INPUT");
    expect(e.message).toMatch(/ký tự/);
    expect(e.details?.[0]).toMatchObject({ field: "url", code });
    expect(res.body).not.toContain("0987654321");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("a portal link mangled the same way is the citizen's 404 page, not JSON", async () => {
    for (const url of ["/hoi-dap/%C0%AF", `/theo-doi/${"x".repeat(150)}`]) {
      const res = await s.t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.body).toContain("1022");
      expect(String(res.headers["content-security-policy"])).toContain("default-src 'self'");
    }
  });

  it("an Open311 URL mangled the same way is the spec's error array, in the format asked for", async () => {
    const json = await s.t.app.inject({ method: "GET", url: "/open311/v2/requests/%C0%AF.json" });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toEqual([{ code: 400, description: expect.stringMatching(/ký tự/) }]);
    const xml = await s.t.app.inject({ method: "GET", url: "/open311/v2/requests/%C0%AF.xml" });
    expect(xml.statusCode).toBe(400);
    expect(xml.body).toContain("<errors><error><code>400</code>");
    expect(xml.headers["x-content-type-options"]).toBe("nosniff");
  });

  it.each([
    ["multipart without a boundary", { ...form("abc"), headers: { "content-type": "multipart/form-data" } }],
    ["multipart cut off", form(`${field("fullName", valid.fullName)}--${boundary}\r\ncontent-dispo`)],
    ["multipart with no closing boundary", form(validFields.slice(0, -2))],
  ] as const)("%s → 400, nothing stored", async (_name, request) => {
    const before = await counts();
    const res = await s.t.app.inject(request);
    expect([400, 415]).toContain(res.statusCode);
    expect(error(res, res.statusCode).message).toMatch(/[À-ỹ]/); // Vietnamese
    expect(await counts()).toEqual(before);
  });

  it("staff list filters and bodies with NUL or lone surrogates → 400 (as a signed-in operator)", async () => {
    for (const url of [
      "/api/v1/requests?q=%00",
      "/api/v1/requests?status=%00",
      "/api/v1/requests?phone=%00",
      "/api/v1/kb/entries?q=%00",
    ]) {
      const res = await s.operator.inject({ method: "GET", url });
      expect(error(res, 400).code, url).toBe("BAD_INPUT");
    }
    const before = await counts();
    const res = await s.operator.inject({
      method: "POST",
      url: "/api/v1/requests",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ ...valid, channel: "phone", content: "Y" }).replace('"Y"', '"\\udfff"'),
    });
    expect(error(res, 400).code).toBe("BAD_INPUT");
    expect(await counts()).toEqual(before);
  });

  it("text the same checks let through is stored as sent (tabs, line breaks, emoji)", async () => {
    const res = await s.t.app.inject({
      method: "POST",
      url: "/api/v1/public/requests",
      payload: { ...valid, content: "Dòng một\r\nDòng hai\tcó tab và biểu tượng 🙏 cảm ơn" },
    });
    expect(res.statusCode).toBe(201);
  });
});
