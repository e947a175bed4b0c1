import { randomBytes } from "node:crypto";
import pg from "pg";

/** Runs one statement on the server's admin database (create and drop database cannot run in a transaction). */
async function onServer(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database `<prefix>_<random>` on the PostgreSQL server of `adminUrl`, for one test
 * file or one group of processes; `drop` removes it, closing what is still connected.
 */
export async function scratchDatabase(
  prefix: string,
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await onServer(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(adminUrl, `drop database if exists ${name} with (force)`),
  };
}
