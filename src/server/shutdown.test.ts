import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseFor, type ServerProcess, startServerProcess } from "../test/processes.js";
import { until } from "../test/until.js";
import { type Database, execRaw, openDatabase } from "./db/client.js";
import { migrate } from "./db/migrate.js";
import { insertMassEvent } from "./db/repositories/mass-event.repository.js";
import { insertUser } from "./db/repositories/user.repository.js";

/**
 * SIGTERM while a handler is still working for a client that has gone away: the server waits for
 * the handler before it closes the pool. Before, the HTTP server closed as soon as the aborted
 * connection did, the pool ended under the handler, and the work after the stored submission (its
 * link to the mass event on now) failed with "Cannot use a pool after calling end on the pool".
 */
let db: Awaited<ReturnType<typeof createDatabaseFor>>;
let database: Database;
let server: ServerProcess | undefined;

const content = "Cho em hỏi lịch tiêm vắc xin sởi cho trẻ em ở xã em tiêm sởi ở đâu ạ?";

beforeAll(async () => {
  db = await createDatabaseFor("shutdown");
  database = await openDatabase({ url: db.url, poolSize: 2 });
  await migrate(database);
  const coordinator = await insertUser(database.db, {
    username: "dieuphoi",
    passwordHash: "x",
    fullName: "Cán bộ điều phối",
    role: "coordinator",
    agencyId: null,
  });
  const now = Date.now();
  await insertMassEvent(
    database.db,
    {
      title: "Chiến dịch tiêm vắc xin sởi cho trẻ 1–5 tuổi",
      keywords: "tiem soi, lich tiem soi, vac xin soi tre em, tiêm sởi ở đâu",
      answer: "Tiêm tại trạm y tế xã, phường nơi cư trú, miễn phí.",
      startsAt: new Date(now - 3_600_000),
      endsAt: new Date(now + 86_400_000),
      banner: false,
      emergencyNumbers: [],
      fieldIds: [],
    },
    coordinator.id,
  );
  server = await startServerProcess({
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: "4",
    SESSION_SECRET: "shutdown-test-secret-0123456789abcdef0123",
    CAPTCHA: "off",
    PUBLIC_RATE_LIMIT: "1000",
    // The test holds the handler on a lock until the listener has closed; on a loaded CI machine
    // that can pass the default 20 s, when the server gives up waiting and exits 1 by design.
    SHUTDOWN_TIMEOUT_MS: "90000",
  });
}, 120_000);

afterAll(async () => {
  await server?.kill();
  await database?.close();
  await db?.drop();
});

describe("SIGTERM with a handler still at work for an aborted client", () => {
  it("waits for the handler: the submission is stored and linked, the pool is not used after its end", async () => {
    const proc = server as ServerProcess;
    // A second session holds a lock the submission's insert needs, so its handler waits inside.
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await blocker.query("begin");
      await blocker.query("lock table requests in share mode");
      const abort = new AbortController();
      const sent = fetch(`${proc.url}/api/v1/public/requests`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ fullName: "Lê Thị Hoa", phone: "0966012345", address: "Thôn 3", content }),
        signal: abort.signal,
      }).catch(() => "aborted");
      // The submission's own statement (intake's, known by its first line: pg_stat_activity keeps
      // only the first 1 kB), not any wait on the lock: a background job's write to requests waits on
      // it too, and aborting then could drop the submission before its handler ran.
      await until("the insert waiting on the lock", 20_000, async () => {
        const rows = await execRaw<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'
                and query like '%idx int, code text, channel text, received_at timestamptz%'`,
        );
        return (rows[0]?.n ?? 0) > 0 ? true : undefined;
      });
      abort.abort();
      expect(await sent).toBe("aborted");
      // The server's own SHUTDOWN_TIMEOUT_MS (90 s) decides; SIGKILL only well after it.
      const exited = proc.stop(100_000);
      // The server has had time to close its listener and (before the fix) its pool.
      await until("listener closed", 10_000, () =>
        fetch(`${proc.url}/healthz`).then(
          () => undefined,
          () => true,
        ),
      );
      await blocker.query("commit");
      // On a failure the server's log says which shutdown step it was waiting for.
      expect(await exited, proc.output()).toBe(0);
    } finally {
      await blocker.end();
    }
    expect(proc.output()).not.toContain("Cannot use a pool");
    const rows = await execRaw<{ linked: boolean }>(
      database.db,
      sql`select exists (select 1 from mass_event_links l where l.request_id = r.id) as linked
          from requests r where r.content = ${content}`,
    );
    expect(rows).toEqual([{ linked: true }]);
  }, 180_000);
});
