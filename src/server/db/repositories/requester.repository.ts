import { sql } from "drizzle-orm";
import { z } from "zod";
import { channelSchema } from "../../../shared/schemas/requests.js";
import { type Executor, selectOne } from "../client.js";
import { oneRow, selectValue } from "../queries.js";

/**
 * Requesters (one per normalised phone number) and their identities on the messaging channels. A
 * requester only groups requests; the contact details each request was given with are the
 * request's own (requests.contact_*, issue 13).
 */
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
 * Finds the requester by normalised phone number (unique index) or creates one with these details.
 * A found requester is returned unchanged: whoever submits with a known phone number cannot edit
 * its details (issue 13). A requester without a phone is always new. The intake statement
 * (intake.repository.ts) does the same inside its one statement.
 */
export async function findOrCreateRequester(tx: Executor, r: RequesterValues): Promise<RequesterRow> {
  const row = await selectOne(
    tx,
    requesterRow,
    sql`insert into requesters (kind, full_name, phone, address, email)
        values (coalesce(${r.kind ?? null}::text, 'person'), ${r.fullName}, ${r.phone}, ${r.address}, ${r.email})
        on conflict (phone) where phone is not null do update set updated_at = requesters.updated_at
        returning id, kind, full_name, phone, address, email`,
  );
  if (!row) throw new Error("requester upsert returned nothing");
  return row;
}

export const findRequesterByPhone = oneRow(
  requesterRow,
  (phone: string) =>
    sql`select id, kind, full_name, phone, address, email from requesters where phone = ${phone} order by created_at limit 1`,
);

export async function findRequesterIdOfIdentity(
  db: Executor,
  channel: string,
  externalId: string,
): Promise<string | undefined> {
  return selectValue(
    db,
    "requester_id",
    z.string(),
    sql`select requester_id from requester_identities where channel = ${channel} and external_id = ${externalId}`,
  );
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
  phone: z.string().nullable(),
  externalId: z.string().nullable(),
});
export type RequesterContactRow = z.infer<typeof requesterContactRow>;

/**
 * How to reach the requester of a request: its channel and the email and channel id that request
 * was given with — never another request's or a later submission's (issue 13, Art. 3.4).
 */
export const findRequesterContact = oneRow(
  requesterContactRow,
  (
    requestId: string,
  ) => sql`select r.channel, r.contact_email as email, r.contact_phone as phone, r.contact_channel_id as "externalId"
        from requests r where r.id = ${requestId}`,
);
