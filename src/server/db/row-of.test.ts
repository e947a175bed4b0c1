import { describe, expect, it } from "vitest";
import { z } from "zod";
import { col, rowOf } from "./client.js";

describe("rowOf: a row schema from an API view", () => {
  const view = z.object({ id: z.string(), actorId: z.string().nullable(), createdAt: z.string() });

  it("names the view's fields as columns and replaces the columns given", () => {
    const row = rowOf(view, { created_at: col.timestamp });
    expect(Object.keys(row.shape)).toEqual(["id", "actor_id", "created_at"]);
    const parsed = row.parse({ id: "a", actor_id: null, created_at: "2026-03-10T02:00:00.000Z" });
    expect(parsed.created_at).toBeInstanceOf(Date);
    expect(() => row.parse({ id: "a", actorId: null, created_at: "2026-03-10T02:00:00.000Z" })).toThrow();
  });

  it("refuses a column the view does not have", () => {
    const columns = { updated_at: col.timestamp } as unknown as Parameters<
      typeof rowOf<typeof view.shape>
    >[1];
    expect(() => rowOf(view, columns)).toThrow(/no field for the column\(s\) updated_at/);
  });
});
