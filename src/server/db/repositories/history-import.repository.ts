import { sql } from "drizzle-orm";
import { z } from "zod";
import type { RequestStatus } from "../../../shared/request-status.js";
import { col, type Executor, select } from "../client.js";
import { insertedId } from "../queries.js";

/** SQL of `npm run admin -- import-history`: requests carried over from a province's earlier 1022 system. */

export async function existingCodes(db: Executor, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await select(
    db,
    z.object({ code: z.string() }),
    sql`select code from requests where code in (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})`,
  );
  return new Set(rows.map((r) => r.code));
}

/**
 * Fields by code; agencies by lower-cased code (agency codes are unique whatever their case, migration
 * 0036): look them up with `code.toLowerCase()`.
 */
export async function codeMaps(
  db: Executor,
): Promise<{ fields: Map<string, number>; agencies: Map<string, { id: string; name: string }> }> {
  const [fields, agencies] = await Promise.all([
    select(db, z.object({ code: z.string(), id: col.number }), sql`select code, id from fields`),
    select(
      db,
      z.object({ code: z.string(), id: z.string(), name: z.string() }),
      sql`select code, id, name from agencies`,
    ),
  ]);
  return {
    fields: new Map(fields.map((f) => [f.code, f.id])),
    agencies: new Map(agencies.map((a) => [a.code.toLowerCase(), { id: a.id, name: a.name }])),
  };
}

export interface ImportedRequest {
  code: string;
  channel: string;
  receivedAt: Date;
  content: string;
  fieldId: number | null;
  status: RequestStatus;
  agencyId: string | null;
  answeringAgencyId: string | null;
  publishedAt: Date | null;
  createdAt: Date;
}

/**
 * Inserts an imported request with an anonymous requester (the old system's export has none). It is
 * not listed on the portal (publish_consent false): the export carries neither consent nor the
 * published texts, which stay on the earlier system's portal.
 */
export async function insertImportedRequest(tx: Executor, r: ImportedRequest): Promise<string> {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return insertedId(
    tx,
    sql`with p as (insert into requesters (kind) values ('person') returning id)
        insert into requests (code, channel, received_at, requester_id, content, field_id, status, agency_id,
                              answering_agency_id, published_at, publish_consent, completeness, created_at, updated_at)
        select ${r.code}, ${r.channel}, ${iso(r.receivedAt)}, p.id, ${r.content}, ${r.fieldId}, ${r.status},
               ${r.agencyId}, ${r.answeringAgencyId}, ${iso(r.publishedAt)}, false, '[]'::jsonb, ${iso(r.createdAt)}, ${iso(r.createdAt)}
        from p returning id`,
    "imported request",
  );
}
