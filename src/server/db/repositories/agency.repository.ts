import { sql } from "drizzle-orm";
import { z } from "zod";
import { type agencyKindSchema, agencyView, userView } from "../../../shared/schemas/admin.js";
import { col, type Executor, rowOf, select } from "../client.js";
import { allOf, oneRow, rowsOfKeys, textArray, uuidArray } from "../queries.js";
import { referenceTable } from "./reference-table.js";

export type AgencyKind = z.infer<typeof agencyKindSchema>;

/** An agency as the API shows it, without its focal points (users, listFocalPoints). */
export const agencyRow = rowOf(agencyView.omit({ focalPoints: true })).extend({ created_at: col.timestamp });
export type AgencyRow = z.infer<typeof agencyRow>;

export interface AgencyValues {
  code: string;
  name: string;
  kind: AgencyKind;
  hotlineNumbers: string[];
  email: string | null;
  isCoordinator: boolean;
  active: boolean;
}

/** Departments first, then communes, then others; each alphabetically (Vietnamese names). */
const directoryOrder = sql`case kind when 'department' then 0 when 'commune' then 1 else 2 end, name`;

/** The statements on agencies every reference table shares (count, insert, update, find by id or code, list). */
export const agencyTable = referenceTable<typeof agencyRow, AgencyValues, string>({
  table: "agencies",
  row: agencyRow,
  columns: ["code", "name", "kind", "hotline_numbers", "email", "is_coordinator", "active"],
  values: (a) => [
    sql`${a.code}`,
    sql`${a.name}`,
    sql`${a.kind}`,
    textArray(a.hotlineNumbers),
    sql`${a.email}`,
    sql`${a.isCoordinator}`,
    sql`${a.active}`,
  ],
  orderBy: directoryOrder,
});

export const findActiveAgency = oneRow(
  z.object({ id: z.string(), name: z.string() }),
  (id: string) => sql`select id, name from agencies where id = ${id} and active`,
);

export interface AgencyFilter {
  kind?: AgencyKind;
  /** Accent-insensitive search over the name or code. */
  q?: string;
  includeInactive?: boolean;
}

export async function listAgencies(db: Executor, f: AgencyFilter = {}): Promise<AgencyRow[]> {
  const like = f.q && `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = allOf(
    !f.includeInactive && sql`active`,
    f.kind && sql`kind = ${f.kind}`,
    like &&
      sql`(lower(immutable_unaccent(name)) like lower(immutable_unaccent(${like})) or lower(code) like ${like})`,
  );
  return select(db, agencyRow, sql`select * from agencies where ${where} order by ${directoryOrder}`);
}

/** A focal point as the user list shows them, with the agency they answer for. */
export const focalPointRow = rowOf(
  userView.pick({ id: true, username: true, fullName: true, phone: true, email: true }),
).extend({ agency_id: z.string() });
export type FocalPointRow = z.infer<typeof focalPointRow>;

/** Active focal points of the given agencies (R-KB2: the directory lists them). */
export const listFocalPoints = rowsOfKeys(
  focalPointRow,
  (agencyIds: readonly string[]) => sql`select id, agency_id, username, full_name, phone, email from users
        where role = 'focal_point' and active
          and agency_id = any(${uuidArray(agencyIds)})
        order by full_name`,
);
