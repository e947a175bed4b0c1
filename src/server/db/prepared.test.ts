import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { openDatabase, preparedWithParams } from "./client.js";

const url = process.env.TEST_DATABASE_URL;

/** A statement compiled once (issue 16): each `$n` gets its own value, a placeholder used twice too. */
const row = z.object({ a: z.string(), b: z.number(), again: z.string(), n: z.number() });
const statement = preparedWithParams(
  "prepared_test_params",
  row,
  ([a, b, items]) =>
    sql`select ${a}::text as a, ${b}::float8 as b, ${a}::text || '!' as again,
             cardinality(${items}::text[])::float8 as n`,
);

describe("preparedWithParams", () => {
  for (const prepared of url ? [true, false] : [true]) {
    it(`maps every placeholder to its value, call after call (${url ? "PostgreSQL" : "PGlite"}${prepared ? "" : ", prepared statements off"})`, async () => {
      const database = await openDatabase({ url, dataDir: "memory", preparedStatements: prepared });
      try {
        // The same connection many times over: the named statement is reused with new values.
        for (let i = 0; i < 5; i++) {
          const rows = await statement(database.db, [`x${i}`, i / 2, Array.from({ length: i }, () => "k")]);
          expect(rows).toEqual([{ a: `x${i}`, b: i / 2, again: `x${i}!`, n: i }]);
        }
        // Inside a transaction it runs like `select`, with the same answer.
        const inTx = await database.db.transaction((tx) => statement(tx, ["t", 1, ["a", "b"]]));
        expect(inTx).toEqual([{ a: "t", b: 1, again: "t!", n: 2 }]);
      } finally {
        await database.close();
      }
    });
  }
});
