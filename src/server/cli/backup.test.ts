import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/harness.js";
import { requestDriver } from "../../test/requests.js";
import { signIn } from "../../test/staff.js";
import { useStaffApp } from "../../test/staff-app.js";
import { buildApp } from "../app.js";
import type { AppContext } from "../context.js";
import { type Database, execRaw, openDatabase } from "../db/client.js";
import { migrate, migrationSeededTables } from "../db/migrate.js";
import { createServices } from "../services/index.js";
import { runAdminCommand } from "./admin-commands.js";

/**
 * Issue 14: `npm run admin -- backup FILE` and `restore FILE`. A realistic database (the demo seed,
 * requests, reads in the access log, users with TOTP…) is backed up, restored into an empty database
 * and found there row for row; the restored app works and its chains verify.
 */
const exec = promisify(execFile);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");

async function tableRows(db: Database["db"]): Promise<Record<string, string[]>> {
  const tables = await execRaw<{ t: string }>(
    db,
    sql`select tablename as t from pg_tables where schemaname = 'public' and tablename <> 'schema_migrations' order by 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { t } of tables) {
    await db.execute(sql`set timezone = 'UTC'`);
    const rows = await execRaw<{ r: string }>(
      db,
      sql.raw(`select to_jsonb(x)::text as r from "${t}" x order by 1`),
    );
    out[t] = rows.map((r) => r.r);
  }
  return out;
}

describe("backup and restore", () => {
  const s = useStaffApp({ seed: "demo", users: ["operator", "focal"] });
  let dir: string;
  let file: string;
  let requestId: string;
  const ctxFor = (database: Database): AppContext => ({ ...s.t.ctx, database, db: database.db });
  const run = async (ctx: AppContext, ...argv: string[]) => {
    const lines: string[] = [];
    const code = await runAdminCommand(ctx, argv, (l) => lines.push(l));
    return { code, text: lines.join("\n") };
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "backup-"));
    file = path.join(dir, "db.ndjson.gz");
    const d = await s.forwarded();
    requestId = d.id;
    await s.drive.get(s.focal, d.id);
    await s.focal.inject({ method: "POST", url: `/api/v1/requests/${d.id}/contact-reveal` });
    // A value whose exact spelling the hash chain depends on.
    await s.t.ctx.db.execute(
      sql`insert into events (entity, entity_id, kind, data) values ('system', 'x', 'test.numeric', '{"n": 1.50}')`,
    );
    const b = await run(s.t.ctx, "backup", file);
    expect(b.text).toMatch(/^backup: \d+ rows in \d+ tables written to /);
    expect(b.code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("a freshly migrated database has rows only in the tables migrations fill", async () => {
    const database = await createTestDatabase();
    try {
      const rows = await tableRows(database.db);
      const filled = Object.entries(rows)
        .filter(([, r]) => r.length > 0)
        .map(([n]) => n);
      expect(filled).toEqual([...migrationSeededTables]);
    } finally {
      await database.close();
    }
  });

  it("writes a private file with a header listing every table", async () => {
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const lines = gunzipSync(await readFile(file))
      .toString("utf8")
      .trimEnd()
      .split("\n");
    const header = JSON.parse(lines[0] ?? "");
    expect(header).toMatchObject({ format: "tongdai-1022-backup", version: 1 });
    expect(header.migrations).toContain("0016_accountability.sql");
    const names = header.tables.map((x: { name: string }) => x.name);
    expect(names.indexOf("users")).toBeLessThan(names.indexOf("requests"));
    expect(names.indexOf("requests")).toBeLessThan(names.indexOf("events"));
    expect(names).not.toContain("schema_migrations");
    expect(JSON.parse(lines.at(-1) ?? "")).toEqual({ end: true, rows: lines.length - 2 });
  });

  it("restores into an empty database and finds everything; the app works there", async () => {
    const database = await createTestDatabase();
    try {
      const ctx = ctxFor(database);
      const r = await run(ctx, "restore", file);
      expect(r.text).toMatch(/^restore: \d+ rows in \d+ tables loaded/);
      expect(r.code).toBe(0);
      expect(await tableRows(database.db)).toEqual(await tableRows(s.t.ctx.db));
      const audit = await run(ctx, "verify-audit");
      expect(audit.text).toMatch(/^events: OK, \d+ entries/);
      expect(audit.code).toBe(0);

      // Restoring again: the database now holds data.
      const again = await run(ctx, "restore", file);
      expect(again.code).toBe(1);
      expect(again.text).toContain("the target database is not empty");

      const services = createServices(ctx);
      const app = await buildApp(ctx, services);
      await app.ready();
      try {
        const restored = { ...s.t, app, ctx, services };
        const operator = await signIn(app, "operator");
        const drive = requestDriver(restored);
        expect((await drive.get(operator, requestId)).id).toBe(requestId);
        const fresh = await drive.create(operator);
        expect(fresh.id).not.toBe(requestId);
        expect((await run(ctx, "verify-audit")).code).toBe(0);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  }, 120_000);

  it("refuses a truncated or corrupted file and writes nothing", async () => {
    const whole = await readFile(file);
    const truncated = path.join(dir, "truncated.gz");
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const lines = gunzipSync(whole).toString("utf8").split("\n");
    const at = Math.floor(lines.length / 2);
    lines[at] = (lines[at] ?? "").slice(0, -5);
    const corrupted = path.join(dir, "corrupted.gz");
    await writeFile(corrupted, gzipSync(lines.join("\n")));
    const cut = path.join(dir, "cut.gz");
    await writeFile(cut, gzipSync(gunzipSync(whole).toString("utf8").split("\n").slice(0, 40).join("\n")));
    for (const [f, why] of [
      [truncated, "cannot be read"],
      [corrupted, "corrupted"],
      [cut, "truncated"],
    ] as const) {
      const database = await createTestDatabase();
      try {
        const r = await run(ctxFor(database), "restore", f);
        expect(r.code).toBe(1);
        expect(r.text).toContain(why);
        const [users] = await execRaw<{ n: number }>(database.db, sql`select count(*)::int as n from users`);
        expect(users?.n).toBe(0);
      } finally {
        await database.close();
      }
    }
  }, 120_000);

  it.runIf(process.env.TEST_DATABASE_URL)(
    "restores a PostgreSQL backup into PGlite",
    async () => {
      const database = await openDatabase({ dataDir: "memory" });
      try {
        const r = await run(ctxFor(database), "restore", file);
        expect(r.code).toBe(0);
        expect(await tableRows(database.db)).toEqual(await tableRows(s.t.ctx.db));
        expect((await run(ctxFor(database), "verify-audit")).code).toBe(0);
      } finally {
        await database.close();
      }
    },
    120_000,
  );

  it("runs through the real CLI on a PGlite data directory", async () => {
    const env = { ...process.env, DATA_DIR: path.join(dir, "data"), NODE_ENV: "development" };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const cli = (...args: string[]) =>
      exec("npx", ["tsx", "src/server/cli/admin.cli.ts", ...args], { cwd: root, env }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const restored = await cli("restore", file);
    expect(restored.out).toContain("restore: ");
    expect(restored.code).toBe(0);
    const again = path.join(dir, "again.gz");
    expect((await cli("backup", again)).code).toBe(0);
    expect((await stat(again)).mode & 0o777).toBe(0o600);
    // A rejected row says why in Vietnamese, as the server does (was zod's English «Invalid option»).
    const agencies = path.join(dir, "bad-agencies.csv");
    await writeFile(agencies, "code,name,kind\nXYZ,Cơ quan lạ,province\n");
    const rejected = await cli("import-agencies", agencies);
    expect(rejected.code).toBe(1);
    expect(rejected.out).toMatch(/rejected line 2: kind: Tùy chọn không hợp lệ/);
    const database = await openDatabase({ dataDir: env.DATA_DIR });
    try {
      await migrate(database);
      expect(await tableRows(database.db)).toEqual(await tableRows(s.t.ctx.db));
    } finally {
      await database.close();
    }
  }, 180_000);
});
