import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { beforeMigration } from "../../test/before-migration.js";
import { verifyLogChains } from "../services/audit-chain.js";
import { execRaw } from "./client.js";
import { pgErrorCode } from "./pg-errors.js";

/**
 * Migration 0037 on a database where accounts of province-wide roles were given an agency (PGlite,
 * or a scratch database on TEST_DATABASE_URL): each loses it, the clearing is in the event log, the
 * agency roles keep theirs, and the database then refuses an agency on any other role.
 */
describe("migration 0037: only focal points and agency leaders belong to an agency", () => {
  it(
    "clears the agency of the other roles, records it, then refuses it",
    () =>
      beforeMigration("0037", async (database, run) => {
        const [agency] = await execRaw<{ id: string }>(
          database.db,
          sql`insert into agencies (code, name, kind) values ('SYT', 'Sở Y tế', 'department') returning id`,
        );
        const id = agency?.id ?? "";
        await execRaw(
          database.db,
          sql`insert into users (username, password_hash, full_name, role, agency_id) values
          ('op.agency', 'x', 'Operator with an agency', 'operator', ${id}),
          ('coord.agency', 'x', 'Coordinator with an agency', 'coordinator', ${id}),
          ('op.plain', 'x', 'Operator', 'operator', null),
          ('focal.syt', 'x', 'Focal point', 'focal_point', ${id}),
          ('leader.syt', 'x', 'Leader', 'agency_leader', ${id})`,
        );
        expect(await run()).toEqual(["0037_agency_only_for_agency_roles.sql"]);

        const users = await execRaw<{ username: string; agency_id: string | null }>(
          database.db,
          sql`select username, agency_id from users order by username`,
        );
        expect(Object.fromEntries(users.map((u) => [u.username, u.agency_id]))).toEqual({
          "coord.agency": null,
          "focal.syt": id,
          "leader.syt": id,
          "op.agency": null,
          "op.plain": null,
        });
        const events = await execRaw<{ entity_id: string; data: unknown }>(
          database.db,
          sql`select u.username as entity_id, e.data from events e join users u on u.id::text = e.entity_id
            where e.entity = 'user' and e.kind = 'user.updated' order by u.username`,
        );
        expect(events).toEqual([
          { entity_id: "coord.agency", data: { before: { agencyId: id }, after: { agencyId: null } } },
          { entity_id: "op.agency", data: { before: { agencyId: id }, after: { agencyId: null } } },
        ]);

        // The clearings join the tamper-evident chain as any event does.
        const chains = await verifyLogChains({ db: database.db });
        expect(chains.find((c) => c.chain === "events")).toMatchObject({ count: 2, problem: null });

        const refused = (statement: ReturnType<typeof sql>) =>
          execRaw(database.db, statement).then(
            () => "stored",
            (error: unknown) => pgErrorCode(error),
          );
        // 23514: check_violation — on a new account and on an edit alike.
        expect(
          await refused(sql`insert into users (username, password_hash, full_name, role, agency_id)
          values ('admin.agency', 'x', 'Admin', 'admin', ${id})`),
        ).toBe("23514");
        expect(await refused(sql`update users set agency_id = ${id} where username = 'op.plain'`)).toBe(
          "23514",
        );
        expect(await refused(sql`update users set role = 'operator' where username = 'focal.syt'`)).toBe(
          "23514",
        );
        expect(
          await refused(
            sql`update users set role = 'operator', agency_id = null where username = 'focal.syt'`,
          ),
        ).toBe("stored");
      }),
    60_000,
  );
});
