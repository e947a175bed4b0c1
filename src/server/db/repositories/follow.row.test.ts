import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/harness.js";
import { portalIntakeRow } from "../../../test/intake-rows.js";
import { type Database, execRaw, select } from "../client.js";
import { seedReference } from "../seed/reference.js";
import { findFollowByCode, findFollowBySecretHash, followColumns, followRow } from "./follow.repository.js";
import { insertIntake } from "./intake.repository.js";

/**
 * The look-up's row comes back as one json column with a checked copy instead of Zod's parse
 * (issue 16, sixteenth session): it must be the very row the 25 columns parsed by Zod gave —
 * same keys in the same order, same values and types (instants as Date, nulls, booleans, the
 * nested lists) — for a bare request and one with every part filled in.
 */
describe("the follow look-up's row", () => {
  let database: Database;
  const columnsRow = async (code: string) =>
    (await select(database.db, followRow, followColumns(sql`r.code = ${code}`)))[0];
  /** Keys in order and values, Dates as their time: what `toStrictEqual` does not compare. */
  const spelled = (row: unknown) =>
    JSON.stringify(row, (_key, value) => (value instanceof Date ? `Date ${value.getTime()}` : value));

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedReference(database.db);
    for (const [code, phone, hash] of [
      ["FOLLOWROW1", "+84910000031", "follow-row-1"],
      ["FOLLOWROW2", "+84910000032", "follow-row-2"],
    ] as const)
      expect((await insertIntake(database.db, portalIntakeRow(code, phone, hash))).outcome).toBe("created");
    // FOLLOWROW2 with every part the citizen can see: field, agencies, a published answer taken
    // down, the open slip with its appointment, an answer, the feedback, awaiting the requester.
    await execRaw(
      database.db,
      sql`update requests set field_id = (select id from fields order by code limit 1),
                 agency_id = (select id from agencies order by code limit 1),
                 answering_agency_id = (select id from agencies order by code offset 1 limit 1),
                 public_answer = 'Trả lời "công khai" </script>', published_at = '2026-03-03T01:02:03.456Z',
                 taken_down_at = '2026-03-04T05:06:07.890Z', awaiting_requester_since = '2026-03-03T00:00:00Z',
                 contact_email = 'Dan@Example.vn'
          where code = 'FOLLOWROW2'`,
    );
    await execRaw(
      database.db,
      sql`insert into transfer_slips (request_id, agency_id, sent_at, due_at, appointment_at)
          select id, agency_id, '2026-03-02T03:00:00Z', '2026-03-02T11:00:00.125Z', '2026-03-06T02:00:00Z'
            from requests where code = 'FOLLOWROW2'`,
    );
    await execRaw(
      database.db,
      sql`insert into answers (request_id, agency_id, source, body, created_at)
          select id, agency_id, 'agency', 'Trả lời của sở 😀', '2026-03-02T12:00:00Z' from requests where code = 'FOLLOWROW2'`,
    );
    await execRaw(
      database.db,
      sql`insert into request_feedback (request_id, resolved, rating, created_at)
          select id, false, 2, '2026-03-05T00:00:00.001Z' from requests where code = 'FOLLOWROW2'`,
    );
  });
  afterAll(() => database.close());

  it("is the row the columns gave, value for value and key for key", async () => {
    for (const code of ["FOLLOWROW1", "FOLLOWROW2"]) {
      const before = await columnsRow(code);
      const row = await findFollowByCode(database.db, code);
      expect(row).toStrictEqual(before);
      expect(spelled(row)).toBe(spelled(before));
    }
    const full = await findFollowByCode(database.db, "FOLLOWROW2");
    expect(full?.slip_appointment_ms?.toISOString()).toBe("2026-03-06T02:00:00.000Z");
    expect(full?.feedback).toStrictEqual({
      resolved: false,
      rating: 2,
      at: new Date("2026-03-05T00:00:00.001Z"),
    });
    expect(full?.latest_answer?.body).toBe("Trả lời của sở 😀");
    expect(full?.awaiting_requester).toBe(true);
    expect(full?.field_name).not.toBeNull();
    expect(spelled(await findFollowBySecretHash(database.db, "follow-row-2"))).toBe(spelled(full));
  });
});
