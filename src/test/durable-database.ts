import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "../server/db/client.js";

/**
 * A database that outlives a "process" (restart tests): a PGlite directory, or a scratch PostgreSQL
 * database when TEST_DATABASE_URL is set. `open` may be called again after the previous one closed.
 */
export async function durableDatabase(prefix = "fault") {
  const admin = process.env.TEST_DATABASE_URL;
  if (admin) {
    const name = `${prefix}_${randomBytes(4).toString("hex")}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      open: () => openDatabase({ url: url.toString(), poolSize: 4 }),
      dispose: async () => {
        const d = new pg.Client({ connectionString: admin });
        await d.connect();
        await d.query(`drop database if exists ${name} with (force)`);
        await d.end();
      },
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
  return {
    open: () => openDatabase({ dataDir: dir }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
