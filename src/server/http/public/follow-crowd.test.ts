import { beforeAll, describe, expect, it } from "vitest";
import { publicRequestView } from "../../../shared/schemas/requests.js";
import { useTestApp } from "../../../test/hooks.js";
import { error, json } from "../../../test/http.js";

/**
 * Issue 16: on PostgreSQL, concurrent follow look-ups share one statement (key-batcher.ts). Under a
 * crowd each citizen must still get their own request, only with their own phone number, and the
 * per-address limit must still refuse the 61st look-up in a minute. The same checks run on PGlite,
 * where look-ups run one by one.
 */
describe("follow look-ups under a crowd (issue 16)", () => {
  const t = useTestApp({ seed: "staff" });
  const requests: { code: string; phone: string }[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 8; i++) {
      const phone = `09120000${String(10 + i)}`;
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/public/requests",
        remoteAddress: `10.1.0.${i + 1}`,
        payload: {
          fullName: "Nguyễn Văn An",
          phone,
          address: "Thôn 3, xã Quảng Phú",
          content: `Xin hỏi về lịch tiêm phòng cho gia đình tôi, câu hỏi số ${i}.`,
          field: "y-te-xet-nghiem-tiem-phong",
        },
      });
      expect(res.statusCode).toBe(201);
      requests.push({ code: res.json().code, phone });
    }
  });

  it("answers each look-up of a concurrent crowd with its own request, and refuses every wrong phone", async () => {
    // Each request asked for five times with its phone and three times with the next one's, all at once.
    const asks = requests.flatMap((r, i) => {
      const other = requests[(i + 1) % requests.length] as { phone: string };
      return [
        ...Array.from({ length: 5 }, () => ({ code: r.code, phone: r.phone, ok: true })),
        ...Array.from({ length: 3 }, () => ({ code: r.code, phone: other.phone, ok: false })),
      ];
    });
    const answers = await Promise.all(
      asks.map((a, i) =>
        t.app.inject({
          url: `/api/v1/public/requests/${a.code}?phone=${a.phone}`,
          remoteAddress: `10.2.${i >> 8}.${i & 255}`,
        }),
      ),
    );
    answers.forEach((res, i) => {
      const ask = asks[i] as { code: string; ok: boolean };
      if (ask.ok) {
        expect(json(res, publicRequestView).code).toBe(ask.code);
      } else {
        expect(error(res, 404).code).toBe("NOT_FOUND");
        expect(res.body).not.toContain(ask.code);
      }
    });
  });

  it("still limits look-ups to 60 a minute from one address", async () => {
    const r = requests[0] as { code: string; phone: string };
    const ask = () =>
      t.app.inject({ url: `/api/v1/public/requests/${r.code}?phone=${r.phone}`, remoteAddress: "10.3.0.1" });
    // Sixty at once (a burst in one tick sees the limit's counter after all of it), then one more.
    const burst = await Promise.all(Array.from({ length: 60 }, ask));
    expect(burst.map((res) => res.statusCode)).toEqual(Array(60).fill(200));
    expect(error(await ask(), 429).code).toBe("RATE_LIMITED");
  });

  it("counts a concurrent burst from one address exactly, though its attempts share statements", async () => {
    // On PostgreSQL the attempts of a crowd are counted in shared statements (replay-guard.repository.ts):
    // each still gets its own count, so 60 pass and the other 15 are refused, and no count repeats.
    const r = requests[1] as { code: string; phone: string };
    const burst = await Promise.all(
      Array.from({ length: 75 }, () =>
        t.app.inject({
          url: `/api/v1/public/requests/${r.code}?phone=${r.phone}`,
          remoteAddress: "10.3.0.2",
        }),
      ),
    );
    const codes = burst.map((res) => res.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(60);
    expect(codes.filter((c) => c === 429)).toHaveLength(15);
    const remaining = burst
      .filter((res) => res.statusCode === 200)
      .map((res) => Number(res.headers["x-ratelimit-remaining"]))
      .sort((a, b) => a - b);
    expect(remaining).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });
});
