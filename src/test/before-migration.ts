import { type Database, openDatabase } from "../server/db/client.js";
import { migrate, migrationNames } from "../server/db/migrate.js";
import { scratchDatabase } from "./scratch-database.js";

/**
 * A migration's test on data stored before it: `use` gets a database migrated up to `migration`
 * (its number, e.g. "0037") but not through it — PGlite in memory, or a scratch database on
 * TEST_DATABASE_URL — then writes what the migration must mend and calls `run`, which applies that
 * migration alone (the later ones are not the test's) and answers the names applied. The database
 * is closed, and a scratch one dropped, whatever happens.
 */
export async function beforeMigration(
  migration: string,
  use: (database: Database, run: () => Promise<string[]>) => Promise<void>,
) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const scratch = adminUrl ? await scratchDatabase(`m${migration}_${process.pid}`, adminUrl) : undefined;
  const database = await openDatabase(scratch ? { url: scratch.url, poolSize: 2 } : { dataDir: "memory" });
  try {
    const names = await migrationNames();
    await migrate(database, { only: new Set(names.filter((name) => name < migration)) });
    const own = new Set(names.filter((name) => name.startsWith(`${migration}_`)));
    await use(database, () => migrate(database, { only: own }));
  } finally {
    await database.close();
    await scratch?.drop();
  }
}
