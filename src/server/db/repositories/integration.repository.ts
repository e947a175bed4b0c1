import { sql } from "drizzle-orm";
import { z } from "zod";
import { apiKeyView, subscriptionView } from "../../../shared/schemas/integrations.js";
import { col, type Executor, rowOf } from "../client.js";
import { allRows, insertedRow, oneRow, textArray } from "../queries.js";
import { outboxRow } from "./outbox.repository.js";

/** Integrators' API keys (migration 0018): only the hash of a key is stored. */
export const apiKeyRow = rowOf(apiKeyView, {
  created_at: col.timestamp,
  revoked_at: col.nullableTimestamp,
  last_used_at: col.nullableTimestamp,
});
export type ApiKeyRow = z.infer<typeof apiKeyRow>;

export async function insertApiKey(
  tx: Executor,
  k: { name: string; keyHash: string; prefix: string; createdBy: string | null },
): Promise<ApiKeyRow> {
  return insertedRow(
    tx,
    apiKeyRow,
    sql`insert into api_keys (name, key_hash, prefix, created_by)
        values (${k.name}, ${k.keyHash}, ${k.prefix}, ${k.createdBy}) returning *`,
    "api key",
  );
}

export const listApiKeys = allRows(apiKeyRow, () => sql`select * from api_keys order by created_at desc, id`);

/** Revokes once; a second revocation changes nothing (the first date stays). */
export const revokeApiKey = oneRow(
  apiKeyRow,
  (id: string, at: Date) =>
    sql`update api_keys set revoked_at = coalesce(revoked_at, ${at.toISOString()}) where id = ${id} returning *`,
);

/** The key with this hash, revoked or not (the caller tells the two apart). */
export const findApiKeyByHash = oneRow(
  apiKeyRow,
  (keyHash: string) => sql`select * from api_keys where key_hash = ${keyHash}`,
);

export async function touchApiKey(db: Executor, id: string, at: Date): Promise<void> {
  await db.execute(sql`update api_keys set last_used_at = ${at.toISOString()} where id = ${id}`);
}

/** Outbound webhook subscriptions (migration 0018). */
export const subscriptionRow = rowOf(subscriptionView, {
  events: col.textArray,
  created_at: col.timestamp,
}).extend({
  secret: z.string(),
  updated_at: col.timestamp,
});
export type SubscriptionRow = z.infer<typeof subscriptionRow>;

export interface SubscriptionInput {
  name: string;
  url: string;
  events: string[];
  personalData: boolean;
  active: boolean;
}

export async function insertSubscription(
  tx: Executor,
  s: SubscriptionInput & { secret: string; createdBy: string | null },
): Promise<SubscriptionRow> {
  return insertedRow(
    tx,
    subscriptionRow,
    sql`insert into webhook_subscriptions (name, url, secret, events, personal_data, active, created_by)
        values (${s.name}, ${s.url}, ${s.secret}, ${textArray(s.events)}, ${s.personalData}, ${s.active}, ${s.createdBy})
        returning *`,
    "subscription",
  );
}

export const updateSubscription = oneRow(
  subscriptionRow,
  (
    id: string,
    s: SubscriptionInput,
    at: Date,
  ) => sql`update webhook_subscriptions set name = ${s.name}, url = ${s.url}, events = ${textArray(s.events)},
          personal_data = ${s.personalData}, active = ${s.active}, updated_at = ${at.toISOString()}
        where id = ${id} returning *`,
);

export const listSubscriptions = allRows(
  subscriptionRow,
  () => sql`select * from webhook_subscriptions order by created_at, id`,
);

export const findSubscription = oneRow(
  subscriptionRow,
  (id: string) => sql`select * from webhook_subscriptions where id = ${id}`,
);

/** The delivery log of a subscription: its outbox rows (channel 'webhook'), newest first. */
export const listDeliveries = allRows(
  outboxRow,
  (
    subscriptionId: string,
    limit: number,
  ) => sql`select * from outbox where channel = 'webhook' and recipient = ${subscriptionId}
        order by id desc limit ${limit}`,
);

export const findDelivery = oneRow(
  outboxRow,
  (subscriptionId: string, id: number) =>
    sql`select * from outbox where channel = 'webhook' and recipient = ${subscriptionId} and id = ${id}`,
);

/**
 * Manual redelivery: a new outbox row with the same payload (the same event id inside, so a
 * receiver that de-duplicates on it sees the event once), logged as its own delivery.
 */
export const enqueueRedelivery = oneRow(
  outboxRow,
  (
    original: z.infer<typeof outboxRow>,
    n: number,
  ) => sql`insert into outbox (request_id, event_id, channel, recipient, kind, body, dedupe_key)
        values (${original.request_id}, ${original.event_id}, 'webhook', ${original.recipient}, ${original.kind},
                ${original.body}, ${`webhook-redelivery:${original.id}:${n}`})
        returning *`,
);
