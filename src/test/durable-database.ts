import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../server/db/client.js";
import { scratchDatabase } from "./scratch-database.js";

/**
 * A database that outlives a "process" (restart tests): a PGlite directory, or a scratch PostgreSQL
 * database when TEST_DATABASE_URL is set. `open` may be called again after the previous one closed.
 */
export async function durableDatabase(prefix = "fault") {
  const admin = process.env.TEST_DATABASE_URL;
  if (admin) {
    const scratch = await scratchDatabase(prefix, admin);
    return { open: () => openDatabase({ url: scratch.url, poolSize: 4 }), dispose: scratch.drop };
  }
  const dir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
  return {
    open: () => openDatabase({ dataDir: dir }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
