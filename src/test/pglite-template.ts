import { createHash } from "node:crypto";
import { readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../server/db/client.js";
import { migrate, migrationNames, migrationsDir } from "../server/db/migrate.js";

/**
 * A freshly migrated PGlite data directory, dumped once and kept in the OS temp directory under a
 * name that hashes PGlite's version and every migration's name and text: a test file then starts
 * from it (≈ 0.9 s) instead of running PGlite's initdb and every migration (≈ 3.5 s on the CI
 * machine, the larger part of a PGlite test file's setup). A changed migration makes a new name, so
 * a stale dump is never loaded. Several test processes may make it at once: each writes its own
 * file and renames it into place, so a reader never sees half a dump. Making a new one removes the
 * dumps of other keys (earlier migrations) left for more than a day, so the temp directory does not
 * fill with one dump per migration ever written.
 */
export async function migratedPgliteDump(): Promise<Blob> {
  const file = path.join(tmpdir(), `${dumpPrefix}${await templateKey()}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const database = await openDatabase({ dataDir: "memory" });
    try {
      await migrate(database);
      if (database.raw.kind !== "pglite") throw new Error("expected PGlite");
      const dump = await database.raw.client.dumpDataDir("none");
      const partial = `${file}.${process.pid}`;
      await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      await rename(partial, file);
      await removeStaleDumps(path.basename(file));
      return dump;
    } finally {
      await database.close();
    }
  }
}

const dumpPrefix = "tongdai1022-pglite-";
const staleAfterMs = 24 * 60 * 60 * 1000;

export async function removeStaleDumps(current: string): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith(dumpPrefix) || name === current) continue;
    const file = path.join(tmpdir(), name);
    try {
      if (Date.now() - (await stat(file)).mtimeMs > staleAfterMs) await unlink(file);
    } catch {
      // Removed by another process meanwhile, or not ours to remove: nothing to do.
    }
  }
}

async function templateKey(): Promise<string> {
  const hash = createHash("sha256");
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const pglite = path.join(root, "node_modules/@electric-sql/pglite/package.json");
  hash.update(JSON.parse(await readFile(pglite, "utf8")).version);
  for (const name of await migrationNames()) {
    hash.update(name).update(await readFile(path.join(migrationsDir, name)));
  }
  return hash.digest("hex").slice(0, 16);
}
