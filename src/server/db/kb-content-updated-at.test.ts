import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { beforeMigration } from "../../test/before-migration.js";
import { execRaw } from "./client.js";

/**
 * Migration 0039 on Q&A entries stored before it (PGlite, or a scratch database on
 * TEST_DATABASE_URL): a published entry's `content_updated_at` is its publication, however often a
 * change was proposed or rejected since; any other entry's is its last move; the search counter
 * does not move, so the search snapshot stays valid.
 */
describe("migration 0039: when a Q&A entry's served content last changed", () => {
  it(
    "dates a published entry by its published version and any other by its last move",
    () =>
      beforeMigration("0039", async (database, run) => {
        const entry = (name: string, status: string, version: number, published: number | null, at: string) =>
          sql`insert into kb_entries (external_id, status, question, answer_html, answer_text, version,
                published_version, updated_at)
              values (${name}, ${status}, ${name}, '<p>a</p>', 'a', ${version}, ${published}, ${at})`;
        const version = (name: string, n: number, state: string, created: string, reviewed: string | null) =>
          sql`insert into kb_entry_versions (entry_id, version, state, question, answer_html, created_at, reviewed_at)
              select id, ${n}, ${state}, ${name}, '<p>a</p>', ${created}, ${reviewed} from kb_entries where external_id = ${name}`;
        for (const statement of [
          // Published by the administrator at 01:00; a change proposed at 02:00 was rejected at 03:00.
          entry("reviewed", "published", 2, 1, "2026-01-01T03:00:00Z"),
          version("reviewed", 1, "published", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z"),
          version("reviewed", 2, "rejected", "2026-01-01T02:00:00Z", "2026-01-01T03:00:00Z"),
          // Published by an import at 00:30 (no review), a draft import waiting as a proposal since 04:00.
          entry("imported", "published", 2, 1, "2026-01-01T04:00:00Z"),
          version("imported", 1, "published", "2026-01-01T00:30:00Z", null),
          version("imported", 2, "proposed", "2026-01-01T04:00:00Z", null),
          // A draft last edited at 05:00, and an archived entry archived at 06:00.
          entry("draft", "draft", 1, null, "2026-01-01T05:00:00Z"),
          entry("archived", "archived", 1, 1, "2026-01-01T06:00:00Z"),
          version("archived", 1, "published", "2026-01-01T00:00:00Z", "2026-01-01T00:10:00Z"),
        ])
          await execRaw(database.db, statement);
        const seqs = sql`select external_id, search_seq from kb_entries order by external_id`;
        const before = await execRaw(database.db, seqs);

        expect(await run()).toEqual(["0039_kb_content_updated_at.sql"]);
        const rows = await execRaw<{ external_id: string; at: string }>(
          database.db,
          sql`select external_id, to_char(content_updated_at at time zone 'UTC', 'HH24:MI') as at from kb_entries`,
        );
        expect(Object.fromEntries(rows.map((r) => [r.external_id, r.at]))).toEqual({
          reviewed: "01:00",
          imported: "00:30",
          draft: "05:00",
          archived: "06:00",
        });
        expect(await execRaw(database.db, seqs)).toEqual(before);
      }),
    60_000,
  );
});
