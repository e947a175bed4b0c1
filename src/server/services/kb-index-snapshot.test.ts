import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../test/hooks.js";
import { execRaw } from "../db/client.js";
import { createKbSearch, type KbSearch } from "./kb-search.service.js";

/**
 * Issue 16: the compact index stays correct after edits, archiving and expiry, and across a
 * restart from its snapshot; a stale or damaged snapshot is noticed and rebuilt, never trusted.
 * A "restart" is a second index over the same database, as a new process builds it.
 */
const policy = { minEntries: 0, afterChanges: 1_000_000, afterMs: 3_600_000 };
const topics = [
  ["tiêm vắc xin cho trẻ em ở đâu", "Trẻ em tiêm tại trạm y tế xã, phường."],
  ["cách ly tại nhà mấy ngày", "F1 cách ly tại nhà 7 ngày theo hướng dẫn."],
  ["phụ nữ mang thai có tiêm được không", "Phụ nữ mang thai trên 13 tuần được tiêm."],
  ["xét nghiệm nhanh kháng nguyên giá bao nhiêu", "Giá xét nghiệm nhanh theo quy định của Bộ Y tế."],
  ["người từ Hà Nội về Thanh Hóa có phải khai báo", "Người về từ vùng dịch khai báo y tế tại xã."],
  ["thẻ bảo hiểm y tế hết hạn thì làm sao", "Gia hạn thẻ bảo hiểm y tế tại bưu điện hoặc xã."],
] as const;

describe("Q&A index snapshot and restart (issue 16)", () => {
  const t = useTestApp();
  const ids = new Map<string, string>();

  const search = (s: KbSearch, q: string, extra: { includeExpired?: boolean } = {}) =>
    s.search({
      q,
      limit: 5,
      statuses: new Set(["published", "draft", "proposed"]),
      includeExpired: extra.includeExpired ?? false,
    });
  const ranking = async (s: KbSearch, q: string) =>
    (await search(s, q)).map((h) => `${h.externalId}:${h.score}`).join(" ");
  const queries = [
    "tiem vac xin tre em",
    "cach ly may ngay",
    "bau chich ngua dc ko",
    "bhyt het han",
    "ha noi ve",
  ];

  beforeAll(async () => {
    // Filler entries so the ranking has document frequencies to weigh, then the topics.
    const values = [];
    for (let i = 0; i < 300; i++) {
      const [q, a] = topics[i % topics.length] as readonly [string, string];
      values.push(
        sql`(${`e${i}`}, 'published', ${`${q} (câu ${i}, phường ${i % 17})`}, ${`<p>${a}</p>`}, ${a})`,
      );
    }
    await t.ctx.db.execute(sql`insert into kb_entries (external_id, status, question, answer_html, answer_text)
      values ${sql.join(values, sql`, `)}`);
    for (const r of await execRaw<{ id: string; external_id: string }>(
      t.ctx.db,
      sql`select id, external_id from kb_entries`,
    ))
      ids.set(r.external_id, r.id);
  });

  it("a restarted index answers from the snapshot exactly as the one that wrote it", async () => {
    const first = createKbSearch(t.ctx, policy);
    await first.refresh();
    expect(first.state.origin?.from).toBe("entries");
    expect(first.state.origin?.reason).toBe("missing");
    await first.writeSnapshot();
    const second = createKbSearch(t.ctx, policy);
    await second.refresh();
    expect(second.state.origin).toMatchObject({ from: "snapshot", reason: "ok" });
    expect(second.size).toBe(300);
    for (const q of queries) {
      const expected = await ranking(first, q);
      expect(expected.length).toBeGreaterThan(0);
      expect(await ranking(second, q)).toBe(expected);
    }
  });

  it("edits, archiving and expiry made after the snapshot are loaded on top of it at restart", async () => {
    const a = createKbSearch(t.ctx, policy);
    await a.writeSnapshot();
    // After the snapshot: one entry rewritten, one archived, one expired, one not yet in force.
    await t.ctx.db.execute(
      sql`update kb_entries set question = 'lịch tiêm mũi nhắc lại cho người cao tuổi', answer_text = 'Tiêm mũi nhắc tại trạm y tế.' where external_id = 'e0'`,
    );
    await t.ctx.db.execute(sql`update kb_entries set status = 'archived' where external_id = 'e6'`);
    const now = t.clock.now().getTime();
    await t.ctx.db.execute(
      sql`update kb_entries set effective_until = ${new Date(now - 3_600_000).toISOString()}::timestamptz where external_id = 'e12'`,
    );
    await t.ctx.db.execute(
      sql`update kb_entries set effective_from = ${new Date(now + 86_400_000).toISOString()}::timestamptz where external_id = 'e18'`,
    );
    const restarted = createKbSearch(t.ctx, policy);
    await restarted.refresh();
    expect(restarted.state.origin).toMatchObject({ from: "snapshot", reason: "ok" });
    expect(restarted.size).toBe(299);

    const rewritten = await search(restarted, "nhac lai nguoi cao tuoi");
    expect(rewritten[0]?.externalId).toBe("e0");
    const all = async (q: string, o = {}) => (await search(restarted, q, o)).map((h) => h.externalId);
    // The archived entry's words still match its siblings, never the entry itself.
    expect(await all("tiem vac xin tre em cau 6 phuong 6")).not.toContain("e6");
    expect(await all("tiem vac xin tre em cau 12 phuong 12")).not.toContain("e12");
    expect(await all("tiem vac xin tre em cau 12 phuong 12", { includeExpired: true })).toContain("e12");
    expect(await all("tiem vac xin tre em cau 18 phuong 1")).not.toContain("e18");
    // The restarted index ranks exactly as one that followed the changes live.
    for (const q of [...queries, "nhac lai nguoi cao tuoi"])
      expect(await ranking(restarted, q)).toBe(await ranking(a, q));
  });

  it("an entry expiring while the server runs stops being suggested, snapshot or not", async () => {
    const s = createKbSearch(t.ctx, policy);
    const inAnHour = new Date(t.clock.now().getTime() + 3_600_000);
    await t.ctx.db.execute(
      sql`update kb_entries set effective_until = ${inAnHour.toISOString()}::timestamptz where external_id = 'e24'`,
    );
    const q = "tiem vac xin tre em cau 24 phuong 7";
    expect((await search(s, q)).map((h) => h.externalId)).toContain("e24");
    await s.writeSnapshot();
    t.clock.advance(2 * 3_600_000);
    expect((await search(s, q)).map((h) => h.externalId)).not.toContain("e24");
    const restarted = createKbSearch(t.ctx, policy);
    expect((await search(restarted, q)).map((h) => h.externalId)).not.toContain("e24");
    expect(restarted.state.origin?.from).toBe("snapshot");
  });

  it("a damaged snapshot is detected by its checksum, rebuilt from the entries and replaced", async () => {
    const s = createKbSearch(t.ctx, policy);
    await s.writeSnapshot();
    const expected = await ranking(s, "cach ly may ngay");
    await t.ctx.db.execute(
      sql`update kb_search_snapshot_chunks set data = overlay(data placing '\\x00ff'::bytea from 40) where n = 0`,
    );
    const restarted = createKbSearch(t.ctx, policy);
    await restarted.refresh();
    expect(restarted.state.origin).toMatchObject({ from: "entries", reason: "checksum differs" });
    expect(await ranking(restarted, "cach ly may ngay")).toBe(expected);
    // The bad snapshot was dropped, and the rebuilt index wrote a good one.
    await restarted.settled();
    const again = createKbSearch(t.ctx, policy);
    await again.refresh();
    expect(again.state.origin?.from).toBe("snapshot");
  });

  it("a snapshot whose bytes pass the checksum but do not decode is rebuilt (format, truncation)", async () => {
    const s = createKbSearch(t.ctx, policy);
    await s.writeSnapshot();
    await t.ctx.db.execute(sql`update kb_search_snapshot set format = 99`);
    const other = createKbSearch(t.ctx, policy);
    await other.refresh();
    expect(other.state.origin).toMatchObject({ from: "entries", reason: "format 99" });

    await s.writeSnapshot();
    await t.ctx.db.execute(sql`update kb_search_snapshot set bytes = bytes - 4`);
    const cut = createKbSearch(t.ctx, policy);
    await cut.refresh();
    expect(cut.state.origin?.from).toBe("entries");
    expect(cut.size).toBe(s.size);
  });

  it("a stale snapshot — entries changed behind the change counter — is detected and rebuilt", async () => {
    const s = createKbSearch(t.ctx, policy);
    await s.writeSnapshot();
    // As a restore or a hand edit would: the entry is archived without its search_seq moving.
    await t.ctx.db.execute(sql`alter table kb_entries disable trigger kb_entries_seq`);
    await t.ctx.db.execute(sql`update kb_entries set status = 'archived' where external_id = 'e30'`);
    await t.ctx.db.execute(sql`alter table kb_entries enable trigger kb_entries_seq`);
    const restarted = createKbSearch(t.ctx, policy);
    await restarted.refresh();
    expect(restarted.state.origin).toMatchObject({ from: "entries", reason: "does not match the entries" });
    const hits = await search(restarted, "tiem vac xin tre em cau 30 phuong 13");
    expect(hits.map((h) => h.externalId)).not.toContain("e30");

    // A counter behind the snapshot (the database replaced by an older copy) is not trusted either.
    await restarted.writeSnapshot();
    await t.ctx.db.execute(sql`update kb_search_snapshot set seq = seq + 1000`);
    const behind = createKbSearch(t.ctx, policy);
    await behind.refresh();
    expect(behind.state.origin).toMatchObject({ from: "entries", reason: "snapshot newer than the entries" });
  });

  it("the server's own index writes its snapshot in the background once it is big enough", async () => {
    const s = createKbSearch(t.ctx, { minEntries: 100, afterChanges: 2, afterMs: 3_600_000 });
    await t.ctx.db.execute(sql`delete from kb_search_snapshot`);
    await s.refresh();
    await s.settled();
    const [row] = await execRaw<{ seq: string | number }>(t.ctx.db, sql`select seq from kb_search_snapshot`);
    expect(Number(row?.seq)).toBe(s.state.seenSeq);
    // Two changes → written again with the new counter.
    await t.ctx.db.execute(
      sql`update kb_entries set question = question || ' ?' where external_id in ('e1', 'e2')`,
    );
    await s.refresh();
    await s.settled();
    const [after] = await execRaw<{ seq: string | number }>(
      t.ctx.db,
      sql`select seq from kb_search_snapshot`,
    );
    expect(Number(after?.seq)).toBe(s.state.seenSeq);
    expect(Number(after?.seq)).toBeGreaterThan(Number(row?.seq));
  });
});
