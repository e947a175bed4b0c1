import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../../test/harness.js";
import { signIn } from "../../../test/staff.js";
import { execRaw, execRawOne } from "../../db/client.js";
import { purgeExpiredKeys } from "../../services/idempotency.js";

const t = await createTestApp({ seed: "staff" });
afterAll(() => t.close());

const body = (i: number, extra: Record<string, unknown> = {}) => ({
  fullName: `Người gửi ${i}`,
  phone: `09770${String(10_000 + i).slice(-5)}`,
  address: `Thôn ${i}, xã Quảng Phú`,
  content: `Xin hỏi thủ tục hỗ trợ số ${i} cho gia đình.`,
  field: "an-sinh-xa-hoi",
  ...extra,
});
const submit = (payload: unknown, key?: string) =>
  t.app.inject({
    method: "POST",
    url: "/api/v1/public/requests",
    payload: payload as Record<string, unknown>,
    headers: key === undefined ? {} : { "idempotency-key": key },
  });
const stored = async (content: string) =>
  (
    await execRawOne<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from requests where content = ${content}`,
    )
  )?.n;

describe("Idempotency-Key on intake (issue 15)", () => {
  it("a retry with the same key gets the first answer, status and body, and stores nothing more", async () => {
    const first = await submit(body(1), "k-one");
    expect(first.statusCode).toBe(201);
    const again = await submit(body(1), "k-one");
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    expect(await stored(body(1).content)).toBe(1);
    const outbox = await execRawOne<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from outbox o join requests r on r.id = o.request_id where r.code = ${first.json().code}`,
    );
    expect(outbox?.n).toBeLessThanOrEqual(1);
  });

  it("twenty concurrent submissions under one key: one request, twenty identical answers", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => submit(body(2), "k-race")));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await stored(body(2).content)).toBe(1);
  });

  it("concurrent keys mixed with keyless submissions of the same phone each store their own", async () => {
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        submit(body(3, { content: `Nội dung riêng ${i} của người gửi 3.` }), `k3-${i}`),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        submit(body(3, { content: `Không khóa ${i} của người gửi 3.` })),
      ),
    ]);
    expect(answers.every((a) => a.statusCode === 201)).toBe(true);
    expect(new Set(answers.map((a) => a.json().code)).size).toBe(15);
  });

  it("another body under a used key is 409 IDEMPOTENCY_KEY_REUSED, in Vietnamese, and stores nothing", async () => {
    await submit(body(4), "k-four");
    const other = await submit(body(4, { content: "Một nội dung khác hẳn, gửi cùng khóa." }), "k-four");
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(other.json().error.message).toMatch(/Khóa chống gửi trùng/);
    expect(await stored("Một nội dung khác hẳn, gửi cùng khóa.")).toBe(0);
    // Another citizen's key space is the same ("public"): the key, not the phone, decides.
    const stranger = await submit(body(5), "k-four");
    expect(stranger.statusCode).toBe(409);
  });

  it("a malformed key is 400, never ignored", async () => {
    for (const key of ["", "x".repeat(201), "có dấu"]) {
      const res = await submit(body(6), key);
      expect(res.statusCode, key).toBe(400);
    }
    expect(await stored(body(6).content)).toBe(0);
  });

  it("the captcha field is not part of the body: a retry with a fresh solution replays", async () => {
    const first = await submit(body(7, { captcha: "first" }), "k-seven");
    const again = await submit(body(7, { captcha: "second" }), "k-seven");
    expect(again.json()).toEqual(first.json());
    expect(await stored(body(7).content)).toBe(1);
  });

  it("after 24 hours the key is free again and the cleanup job removes old keys", async () => {
    await submit(body(8), "k-eight");
    t.clock.advance(25 * 3_600_000);
    const later = await submit(body(8, { content: "Sau một ngày, nội dung mới cùng khóa." }), "k-eight");
    expect(later.statusCode).toBe(201);
    expect(later.headers["idempotent-replayed"]).toBeUndefined();
    t.clock.advance(25 * 3_600_000);
    const removed = await purgeExpiredKeys(t.ctx.db, t.clock.now());
    expect(removed).toBeGreaterThan(0);
    const left = await execRaw<{ key: string }>(t.ctx.db, sql`select key from idempotency_keys`);
    expect(left).toEqual([]);
  });

  it("the staff desk: an operator's retry presents the same request, another body under the key is 409", async () => {
    const operator = await signIn(t.app, "operator");
    const create = (s: typeof operator, key: string, content: string) =>
      s.inject({
        method: "POST",
        url: "/api/v1/requests",
        headers: { "idempotency-key": key },
        payload: {
          channel: "phone",
          requester: { kind: "person", fullName: "Lê Văn Bình", phone: "0912345678" },
          content,
        },
      });
    const a = await create(operator, "desk-1", "Gọi hỏi về trợ cấp, lần đầu.");
    const b = await create(operator, "desk-1", "Gọi hỏi về trợ cấp, lần đầu.");
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(await stored("Gọi hỏi về trợ cấp, lần đầu.")).toBe(1);
    const c = await create(operator, "desk-1", "Nội dung khác dưới cùng khóa.");
    expect(c.statusCode).toBe(409);
    expect(c.json().error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    const concurrent = await Promise.all(
      Array.from({ length: 6 }, () => create(operator, "desk-2", "Cuộc gọi bấm lưu nhiều lần.")),
    );
    expect(concurrent.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    expect(new Set(concurrent.map((r) => r.json().id)).size).toBe(1);
    expect(await stored("Cuộc gọi bấm lưu nhiều lần.")).toBe(1);
  });
});

describe("the portal form carries a key drawn when the page is rendered", () => {
  it("each rendering has its own key, never cached by a shared cache", async () => {
    const keyOf = async () => {
      const page = await t.app.inject({ method: "GET", url: "/gui-yeu-cau" });
      expect(page.headers["cache-control"]).toMatch(/no-store/);
      return /data-idempotency-key="([^"]+)"/.exec(page.body)?.[1];
    };
    const [a, b] = [await keyOf(), await keyOf()];
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).not.toBe(a);
    // The page sent twice (a double click, or again after an error): one request.
    const twice = await Promise.all([submit(body(9), a), submit(body(9), a)]);
    expect(twice.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(await stored(body(9).content)).toBe(1);
  });
});
