import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { validSubmission } from "../../../test/citizen.js";
import { useTestApp } from "../../../test/hooks.js";
import { error } from "../../../test/http.js";
import { execRawOne } from "../../db/client.js";

/**
 * Bad input on every public endpoint (issue 2): a clear 4xx with a stable code and a Vietnamese
 * message, never a 500, and nothing stored.
 */
describe("public endpoints refuse bad input cleanly", () => {
  const t = useTestApp();
  const valid = validSubmission;
  const count = async () =>
    (await execRawOne<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from requests`))?.n ?? 0;
  /** How many requesters have this normalised phone (+84…). */
  const requestersWith = async (phone: string) =>
    (
      await execRawOne<{ n: number }>(
        t.ctx.db,
        sql`select count(*)::int as n from requesters where phone = ${phone}`,
      )
    )?.n;
  const post = (payload: string | Buffer | object, contentType = "application/json") =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/public/requests",
      headers: { "content-type": contentType },
      payload: typeof payload === "object" && !Buffer.isBuffer(payload) ? JSON.stringify(payload) : payload,
    });

  it("accepts a valid submission; 0xxx and +84xxx are the same requester", async () => {
    const a = await post(valid);
    expect(a.statusCode).toBe(201);
    expect(a.json()).toEqual({
      code: expect.stringMatching(/^\d{4}-[0-9A-Z]{6}$/),
      status: "received",
      receipt: expect.any(String),
    });
    const b = await post({ ...valid, phone: "+84 987 654 321" });
    expect(b.statusCode).toBe(201);
    expect(await requestersWith("+84987654321")).toBe(1);
  });

  it("a phone in fullwidth digits (an IME, a pasted document) is stored as the ASCII number, as staff's phone input takes it", async () => {
    const res = await post({ ...valid, phone: "＋８４\u3000９６６\u3000０１２\u3000３４５" });
    expect(res.statusCode).toBe(201);
    expect(await requestersWith("+84966012345")).toBe(1);
    const follow = await t.app.inject({
      method: "GET",
      url: `/api/v1/public/requests/${res.json().code}?phone=0966012345`,
    });
    expect(follow.statusCode).toBe(200);
    // Fullwidth or not, a number that is not a phone is the same 400 with the same words.
    const before = await count();
    for (const phone of ["０９６６", "１０２２", "０９６６ ０１２ ３４Ａ"]) {
      const bad = error(await post({ ...valid, phone }), 400);
      expect(bad.code).toBe("VALIDATION");
      expect(bad.details).toEqual([
        expect.objectContaining({
          field: "phone",
          message: "Số điện thoại không hợp lệ (ví dụ 0912 345 678 hoặc +84 912 345 678)",
        }),
      ]);
    }
    expect(await count()).toBe(before);
  });

  it("missing fields → 400 with one entry per field, in Vietnamese", async () => {
    const before = await count();
    const res = await post({});
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe("VALIDATION");
    const fields = body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(["address", "content", "fullName", "phone"]);
    for (const d of body.error.details) {
      expect(d.code).toBeTruthy();
      expect(d.message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
    }
    expect(await count()).toBe(before);
  });

  it.each([
    ["wrong types", { ...valid, fullName: 42, content: ["a"] }, ["content", "fullName"]],
    ["a malformed phone", { ...valid, phone: "12345" }, ["phone"]],
    ["a malformed email", { ...valid, email: "not-an-email" }, ["email"]],
    ["content too short", { ...valid, content: "hỏi" }, ["content"]],
    ["an unknown field", { ...valid, field: "khong-co" }, ["field"]],
  ])("%s → 400 naming the field", async (_name, payload, fields) => {
    const before = await count();
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(fields);
    expect(await count()).toBe(before);
  });

  it("says what is wrong in plain Vietnamese, the console's wording (shared/zod-messages.ts)", async () => {
    const res = await post({ ...valid, fullName: 42, address: "x".repeat(501), content: ["a"] });
    expect(res.statusCode).toBe(400);
    const messages = Object.fromEntries(
      res.json().error.details.map((d: { field: string; message: string }) => [d.field, d.message]),
    );
    // Was zod's «Đầu vào không hợp lệ: mong đợi string, nhận được số»; the schema's own message wins.
    expect(messages).toEqual({
      fullName: "Giá trị không hợp lệ: cần văn bản",
      content: "Giá trị không hợp lệ: cần văn bản",
      address: "Địa chỉ quá dài",
    });
  });

  it("a 1 MB string → 4xx, not stored", async () => {
    const before = await count();
    const big = await post({ ...valid, content: "á".repeat(1_000_000) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe("PAYLOAD_TOO_LARGE");
    const long = await post({ ...valid, content: "a".repeat(600_000) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details[0].field).toBe("content");
    expect(await count()).toBe(before);
  });

  it("broken JSON, empty body, invalid UTF-8 and prototype keys → 400 BAD_JSON", async () => {
    const before = await count();
    const cases = [
      post('{"fullName": "An", '),
      post(""),
      post(Buffer.concat([Buffer.from('{"fullName":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')])),
      post('{"__proto__": {"admin": true}}'),
      // The same keys behind \u escapes, and the other refused key (the parser's fast path).
      post('{"\\u005f_proto__": {"admin": true}}'),
      post('{"content": "x", "\\u0063onstructor": {"prototype": {}}}'),
      post('{"constructor": {"prototype": {"admin": true}}}'),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("BAD_JSON");
      expect(res.json().error.message).toMatch(/[ộộảấ]/);
    }
    expect(await count()).toBe(before);
  });

  it("a NUL character → 400 BAD_INPUT naming the field (input-hygiene.ts), not stored", async () => {
    const before = await count();
    const res = await post({ ...valid, content: "Nội dung có ký tự \u0000 rỗng ở giữa câu hỏi" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: "BAD_INPUT",
      details: [{ field: "content", code: "nul" }],
    });
    expect(await count()).toBe(before);
  });

  it("an unsupported content type → 415", async () => {
    const res = await post("fullName=An", "text/plain");
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("lookup: a wrong phone and an unknown code are the same 404 (no hint that the code exists)", async () => {
    const created = (await post({ ...valid, phone: "0911222333" })).json();
    const wrongPhone = await t.app.inject({
      method: "GET",
      url: `/api/v1/public/requests/${created.code}?phone=0911222334`,
    });
    const unknown = await t.app.inject({
      method: "GET",
      url: "/api/v1/public/requests/2603-ZZZZZZ?phone=0911222333",
    });
    const noPhone = await t.app.inject({ method: "GET", url: `/api/v1/public/requests/${created.code}` });
    const badPhone = await t.app.inject({
      method: "GET",
      url: `/api/v1/public/requests/${created.code}?phone=abc`,
    });
    expect(wrongPhone.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrongPhone.body).toBe(unknown.body);
    expect(badPhone.body).toBe(unknown.body);
    expect(noPhone.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: "GET",
      url: `/api/v1/public/requests/${created.code}?phone=%2B84911222333`,
    });
    expect(ok.statusCode).toBe(200);
    for (const secret of ["Nguyễn Văn An", "0911222333", "911222333", "Quảng Phú"])
      expect(ok.body).not.toContain(secret);
  });

  it("answers list and detail: bad parameters → 400, unknown code → 404", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/v1/public/answers?page=0" })).statusCode).toBe(
      400,
    );
    expect((await t.app.inject({ method: "GET", url: "/api/v1/public/answers?page=abc" })).statusCode).toBe(
      400,
    );
    expect(
      (await t.app.inject({ method: "GET", url: `/api/v1/public/answers?q=${"x".repeat(500)}` })).statusCode,
    ).toBe(400);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/v1/public/answers?from=2026-13-01" })).statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          method: "GET",
          url: "/api/v1/public/answers?q=%27%3B%20drop%20table%20requests",
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/v1/public/answers/2603-ZZZZZZ" })).statusCode,
    ).toBe(404);
  });
});
