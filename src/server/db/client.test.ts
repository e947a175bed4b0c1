import pg from "pg";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client.js";

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("PostgreSQL connection loss", () => {
  it("an idle connection terminated by the server does not crash the process; the next query reconnects", async () => {
    const lost: Error[] = [];
    const database = await openDatabase({ url, poolSize: 2, onIdleError: (e) => lost.push(e) });
    if (database.raw.kind !== "postgres") throw new Error("expected PostgreSQL");
    const { rows } = await database.raw.pool.query<{ pid: number }>("select pg_backend_pid() as pid");
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("select pg_terminate_backend($1)", [rows[0]?.pid]);
    await admin.end();
    await expect.poll(() => lost.length).toBe(1);
    const again = await database.raw.pool.query("select 1 as ok");
    expect(again.rows[0]).toEqual({ ok: 1 });
    await database.close();
  });
});
