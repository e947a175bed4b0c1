import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../../test/harness.js";
import { execRaw } from "../../db/client.js";
import { verifyLogChains } from "../../services/audit-chain.js";

const t = await createTestApp();
afterAll(() => t.close());

/**
 * Many citizens submitting at once (on PostgreSQL they share intake statements): each gets their
 * own code, the same phone number is one requester, and a bad row writes nothing of its own.
 */
describe("concurrent citizen submissions", () => {
  it("60 at once: right outcome for each, one requester per phone, nothing half-written", async () => {
    const submit = (i: number) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/public/requests",
        payload: {
          fullName: `Người gửi ${i}`,
          // Every third submission reuses a phone number already in the burst.
          phone: `09880${String(i % 3 === 0 ? i - 3 + 1000 : i + 1000).padStart(5, "0")}`,
          address: `Thôn ${i}, xã Quảng Phú`,
          content: `Xin hỏi thủ tục hỗ trợ số ${i} cho gia đình bị ảnh hưởng.`,
          ...(i % 10 === 7 ? { field: "khong-ton-tai" } : { field: "an-sinh-xa-hoi" }),
          ...(i % 4 === 0 ? { email: `nguoi${i}@example.vn` } : {}),
        },
      });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => submit(i + 3)));
    const created = results.filter((r) => r.statusCode === 201).map((r) => r.json().code as string);
    const refused = results.filter((r) => r.statusCode === 400);
    expect(refused.length).toBe(6);
    for (const r of refused) expect(r.json().error.details[0].field).toBe("field");
    expect(created.length).toBe(54);
    expect(new Set(created).size).toBe(54);

    const rows = await execRaw<{
      code: string;
      phone: string;
      events: number;
      outbox: number;
      email: string | null;
    }>(
      t.ctx.db,
      sql`select r.code, p.phone, p.email,
            (select count(*)::int from events e where e.request_id = r.id) as events,
            (select count(*)::int from outbox o where o.request_id = r.id) as outbox
          from requests r join requesters p on p.id = r.requester_id where r.channel = 'portal'`,
    );
    expect(rows.map((r) => r.code).sort()).toEqual([...created].sort());
    for (const r of rows) expect(r.events).toBe(1);
    const phones = await execRaw<{ phone: string; n: number }>(
      t.ctx.db,
      sql`select phone, count(*)::int as n from requesters where phone like '+849880%' group by phone`,
    );
    for (const p of phones) expect(p.n).toBe(1);
    const acknowledgements = rows.filter((r) => r.outbox > 0).length;
    expect(acknowledgements).toBeGreaterThan(0);
    // The shared statements' events are linked into the one chain, the head moved once a statement (0034).
    expect((await verifyLogChains(t.ctx)).map((r) => r.problem)).toEqual([null, null]);
  });
});
