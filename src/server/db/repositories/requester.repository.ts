import { sql } from "drizzle-orm";
import { z } from "zod";
import { channelSchema } from "../../../shared/schemas/requests.js";
import { type Executor, selectOne } from "../client.js";

/** Requesters (one per normalised phone number) and their identities on the messaging channels. */
export const requesterKindSchema = z.enum(["person", "organisation"]);

export const requesterRow = z.object({
  id: z.string(),
  kind: requesterKindSchema,
  full_name: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
});
export type RequesterRow = z.infer<typeof requesterRow>;

export interface RequesterValues {
  /** Absent: a new requester is a person, an existing one keeps its kind. */
  kind?: "person" | "organisation";
  fullName: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
}

/**
 * Finds the requester by normalised phone number (unique index) or creates one; newer non-empty
 * details win. A requester without a phone is always new. The intake statement
 * (intake.repository.ts) does the same inside its one statement.
 */
export async function upsertRequester(tx: Executor, r: RequesterValues): Promise<RequesterRow> {
  const row = await selectOne(
    tx,
    requesterRow,
    sql`insert into requesters (kind, full_name, phone, address, email)
        values (coalesce(${r.kind ?? null}::text, 'person'), ${r.fullName}, ${r.phone}, ${r.address}, ${r.email})
        on conflict (phone) where phone is not null do update set kind = coalesce(${r.kind ?? null}::text, requesters.kind),
          full_name = coalesce(excluded.full_name, requesters.full_name),
          address = coalesce(excluded.address, requesters.address),
          email = coalesce(excluded.email, requesters.email), updated_at = now()
        returning id, kind, full_name, phone, address, email`,
  );
  if (!row) throw new Error("requester upsert returned nothing");
  return row;
}

export async function findRequesterByPhone(db: Executor, phone: string): Promise<RequesterRow | undefined> {
  return selectOne(
    db,
    requesterRow,
    sql`select id, kind, full_name, phone, address, email from requesters where phone = ${phone} order by created_at limit 1`,
  );
}

export async function updateRequester(tx: Executor, id: string, r: Partial<RequesterValues>): Promise<void> {
  await tx.execute(
    sql`update requesters set kind = coalesce(${r.kind ?? null}, kind),
          full_name = case when ${r.fullName !== undefined} then ${r.fullName ?? null} else full_name end,
          phone = case when ${r.phone !== undefined} then ${r.phone ?? null} else phone end,
          address = case when ${r.address !== undefined} then ${r.address ?? null} else address end,
          email = case when ${r.email !== undefined} then ${r.email ?? null} else email end,
          updated_at = now()
        where id = ${id}`,
  );
}

export async function findRequesterIdOfIdentity(
  db: Executor,
  channel: string,
  externalId: string,
): Promise<string | undefined> {
  const row = await selectOne(
    db,
    z.object({ requester_id: z.string() }),
    sql`select requester_id from requester_identities where channel = ${channel} and external_id = ${externalId}`,
  );
  return row?.requester_id;
}

export async function insertIdentity(
  db: Executor,
  requesterId: string,
  channel: string,
  externalId: string,
): Promise<void> {
  await db.execute(
    sql`insert into requester_identities (requester_id, channel, external_id) values (${requesterId}, ${channel}, ${externalId})
        on conflict do nothing`,
  );
}

export const requesterContactRow = z.object({
  channel: channelSchema,
  email: z.string().nullable(),
  externalId: z.string().nullable(),
});
export type RequesterContactRow = z.infer<typeof requesterContactRow>;

/** How to reach the requester of a request: its channel, their email, their id on that channel. */
export async function findRequesterContact(
  db: Executor,
  requestId: string,
): Promise<RequesterContactRow | undefined> {
  return selectOne(
    db,
    requesterContactRow,
    sql`select r.channel, p.email,
          (select i.external_id from requester_identities i
            where i.requester_id = p.id and i.channel = r.channel order by i.created_at desc limit 1) as "externalId"
        from requests r join requesters p on p.id = r.requester_id where r.id = ${requestId}`,
  );
}
