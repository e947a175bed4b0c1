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

const fields = referenceTable<typeof fieldRow, FieldValues, number>({
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

export const countFields = fields.count;
export const insertFields = fields.insertMany;
export const insertField = fields.insert;
export const updateField = fields.update;
export const findFieldById = fields.findById;
export const findFieldByCode = fields.findByCode;
export const listFields = fields.list;
