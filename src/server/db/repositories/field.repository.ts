import { sql } from "drizzle-orm";
import type { z } from "zod";
import { fieldView } from "../../../shared/schemas/admin.js";
import { rowOf } from "../client.js";
import { referenceTable } from "./reference-table.js";

export const fieldRow = rowOf(fieldView);
export type FieldRow = z.infer<typeof fieldRow>;

export interface FieldValues {
  code: string;
  name: string;
  description: string | null;
  sortOrder: number;
  active: boolean;
}

/** The statements on fields every reference table shares (count, insert, update, find by id or code, list). */
export const fieldTable = referenceTable<typeof fieldRow, FieldValues, number>({
  table: "fields",
  row: fieldRow,
  columns: ["code", "name", "description", "sort_order", "active"],
  values: (f) => [
    sql`${f.code}`,
    sql`${f.name}`,
    sql`${f.description}`,
    sql`${f.sortOrder}`,
    sql`${f.active}`,
  ],
  orderBy: sql`sort_order, id`,
});
