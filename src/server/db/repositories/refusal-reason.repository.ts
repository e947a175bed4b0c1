import { sql } from "drizzle-orm";
import type { z } from "zod";
import { refusalReasonView } from "../../../shared/schemas/admin.js";
import { rowOf } from "../client.js";
import { referenceTable } from "./reference-table.js";

export const refusalReasonRow = rowOf(refusalReasonView);
export type RefusalReasonRow = z.infer<typeof refusalReasonRow>;

export interface RefusalReasonValues {
  code: string;
  text: string;
  active: boolean;
}

/** The statements on refusal reasons every reference table shares (count, insert, update, find by id or code, list). */
export const refusalReasonTable = referenceTable<typeof refusalReasonRow, RefusalReasonValues, number>({
  table: "refusal_reasons",
  row: refusalReasonRow,
  columns: ["code", "text", "active"],
  values: (r) => [sql`${r.code}`, sql`${r.text}`, sql`${r.active}`],
  orderBy: sql`id`,
});
