import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { beforeMigration } from "../../test/before-migration.js";
import { execRaw } from "./client.js";
import { isUniqueViolation } from "./pg-errors.js";

/**
 * Migration 0036 on a database that already has agencies whose codes differ only in case (PGlite,
 * or a scratch database on TEST_DATABASE_URL): the oldest keeps its code, the others are renamed to
 * the first free `<code>-N`, each rename is in the event log, and the case-insensitive index holds.
 */
describe("migration 0036: agency codes unique whatever their case", () => {
  it(
    "renames the younger case-duplicates deterministically, then refuses new ones",
    () =>
      beforeMigration("0036", async (database, run) => {
        await execRaw(
          database.db,
          sql`insert into agencies (code, name, kind, created_at) values
          ('syt', 'second', 'department', '2026-01-02T00:00:00Z'),
          ('SYT', 'oldest', 'department', '2026-01-01T00:00:00Z'),
          ('Syt', 'third', 'department', '2026-01-03T00:00:00Z'),
          ('SYT-2', 'already there', 'other', '2026-01-04T00:00:00Z'),
          ('SNV', 'alone', 'department', '2026-01-01T00:00:00Z')`,
        );
        expect(await run()).toEqual(["0036_agency_code_case.sql"]);

        const rows = await execRaw<{ name: string; code: string }>(
          database.db,
          sql`select name, code from agencies order by name`,
        );
        expect(Object.fromEntries(rows.map((r) => [r.name, r.code]))).toEqual({
          oldest: "SYT",
          second: "syt-3",
          third: "Syt-4",
          "already there": "SYT-2",
          alone: "SNV",
        });
        const events = await execRaw<{ data: unknown }>(
          database.db,
          sql`select data from events where entity = 'agency' and kind = 'agency.updated' order by id`,
        );
        expect(events.map((e) => e.data)).toEqual([
          { before: { code: "syt" }, after: { code: "syt-3" } },
          { before: { code: "Syt" }, after: { code: "Syt-4" } },
        ]);
        const again = await execRaw(
          database.db,
          sql`insert into agencies (code, name, kind) values ('snv', 'lower case', 'other')`,
        ).catch((error: unknown) => error);
        expect(isUniqueViolation(again)).toBe(true);
      }),
    60_000,
  );
});
