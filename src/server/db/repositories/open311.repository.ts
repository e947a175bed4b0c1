import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, select } from "../client.js";
import { oneRow, selectValue } from "../queries.js";
import { publicRequest } from "./publication.repository.js";

/**
 * A request as Open311 GET shows it (issue 17): only public requests (`publicRequest`, the one
 * publication predicate) and only their PII-free public copy — never the contact, the address,
 * the original content or the follow code. Identified by the public id, as on the portal.
 */
export const open311RequestRow = z.object({
  public_id: z.string(),
  status: z.string(),
  public_question: z.string().nullable(),
  public_answer: z.string().nullable(),
  field_code: z.string().nullable(),
  field_name: z.string().nullable(),
  agency_name: z.string().nullable(),
  received_at: col.timestamp,
  updated_at: col.timestamp,
});
export type Open311RequestRow = z.infer<typeof open311RequestRow>;

export interface Open311Filters {
  ids?: string[];
  serviceCode?: string;
  from?: Date;
  to?: Date;
  statuses?: ("open" | "closed")[];
  limit: number;
}

/** Open311's two statuses over ours: everything with a final outcome is "closed". */
export const closedStatuses = ["answered", "refused", "published", "closed"] as const;

const closedList = sql.join(
  closedStatuses.map((s) => sql`${s}`),
  sql`, `,
);

const selectRequests = sql`
  select r.public_id, r.status, r.public_question, r.public_answer, f.code as field_code, f.name as field_name,
         coalesce(aa.name, a.name) as agency_name, r.received_at, r.updated_at
  from requests r left join fields f on f.id = r.field_id
    left join agencies aa on aa.id = r.answering_agency_id left join agencies a on a.id = r.agency_id`;

export async function listOpen311Requests(db: Executor, f: Open311Filters): Promise<Open311RequestRow[]> {
  const c: SQL[] = [publicRequest()];
  if (f.ids) {
    // service_request_id overrides every other filter (GeoReport v2).
    c.push(
      f.ids.length
        ? sql`r.public_id in (${sql.join(
            f.ids.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  } else {
    if (f.serviceCode) c.push(sql`f.code = ${f.serviceCode}`);
    if (f.from) c.push(sql`r.received_at >= ${f.from.toISOString()}`);
    if (f.to) c.push(sql`r.received_at <= ${f.to.toISOString()}`);
    if (f.statuses && f.statuses.length === 1) {
      c.push(
        f.statuses[0] === "closed" ? sql`r.status in (${closedList})` : sql`r.status not in (${closedList})`,
      );
    }
  }
  return select(
    db,
    open311RequestRow,
    sql`${selectRequests} where ${sql.join(c, sql` and `)} order by r.received_at desc, r.public_id limit ${f.limit}`,
  );
}

export const findOpen311Request = oneRow(
  open311RequestRow,
  (publicId: string) => sql`${selectRequests} where r.public_id = ${publicId} and ${publicRequest()}`,
);

/**
 * A token handed out by POST requests: the public id of a request this integrator filed, found in
 * its "received" event (event data `open311.apiKeyId`). Any other id is unknown.
 */
export async function findOpen311Token(db: Executor, publicId: string): Promise<string | undefined> {
  return selectValue(
    db,
    "public_id",
    z.string(),
    sql`select r.public_id from requests r
        where r.public_id = ${publicId}
          and exists (select 1 from events e where e.request_id = r.id and e.kind = 'received'
                      and e.data ? 'open311')`,
  );
}

export async function findPublicIdOfCode(db: Executor, code: string): Promise<string | undefined> {
  return selectValue(db, "public_id", z.string(), sql`select public_id from requests where code = ${code}`);
}
