import { sql } from "drizzle-orm";
import { type Executor, query, queryOne } from "../client.js";

/** Raw queries give timestamps back as text on one driver and Date on the other. */
function toDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

export type ConfigurableChannel = "email" | "zalo" | "facebook";

export interface ChannelSettingsRow {
  channel: ConfigurableChannel;
  enabled: boolean;
  settings: Record<string, string>;
  secrets: Record<string, string>;
  updated_at: Date;
}

export async function findChannelSettings(
  db: Executor,
  channel: ConfigurableChannel,
): Promise<ChannelSettingsRow | undefined> {
  return queryOne<ChannelSettingsRow>(db, sql`select * from channel_settings where channel = ${channel}`);
}

export async function listChannelSettings(db: Executor): Promise<ChannelSettingsRow[]> {
  return query<ChannelSettingsRow>(db, sql`select * from channel_settings order by channel`);
}

/**
 * Merges the given settings and secrets into the stored ones; a null secret clears it, an absent
 * one keeps it, so the console can save settings without ever having seen the secrets.
 */
export async function saveChannelSettings(
  db: Executor,
  channel: ConfigurableChannel,
  change: {
    enabled: boolean;
    settings: Record<string, string | null>;
    secrets: Record<string, string | null>;
    by: string;
  },
): Promise<void> {
  const current = await findChannelSettings(db, channel);
  const merge = (base: Record<string, string>, patch: Record<string, string | null>) => {
    const next = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null || value === "") delete next[key];
      else next[key] = value;
    }
    return next;
  };
  const settings = merge(current?.settings ?? {}, change.settings);
  const secrets = merge(current?.secrets ?? {}, change.secrets);
  await db.execute(
    sql`insert into channel_settings (channel, enabled, settings, secrets, updated_at, updated_by)
        values (${channel}, ${change.enabled}, ${JSON.stringify(settings)}::jsonb, ${JSON.stringify(secrets)}::jsonb, now(), ${change.by})
        on conflict (channel) do update set enabled = excluded.enabled, settings = excluded.settings,
          secrets = excluded.secrets, updated_at = now(), updated_by = excluded.updated_by`,
  );
}

export interface ChannelTokenRow {
  channel: string;
  access_token: string;
  refresh_token: string | null;
  expires_at: Date | null;
}

export async function findChannelToken(
  db: Executor,
  channel: string,
  forUpdate = false,
): Promise<ChannelTokenRow | undefined> {
  const row = forUpdate
    ? await queryOne<ChannelTokenRow>(
        db,
        sql`select * from channel_tokens where channel = ${channel} for update`,
      )
    : await queryOne<ChannelTokenRow>(db, sql`select * from channel_tokens where channel = ${channel}`);
  return row && { ...row, expires_at: toDate(row.expires_at) };
}

/** Seeds the pair from the environment once; afterwards the stored, rotated pair wins. */
export async function seedChannelToken(
  db: Executor,
  channel: string,
  accessToken: string,
  refreshToken: string | null,
): Promise<void> {
  await db.execute(
    sql`insert into channel_tokens (channel, access_token, refresh_token) values (${channel}, ${accessToken}, ${refreshToken})
        on conflict (channel) do nothing`,
  );
}

export async function saveChannelToken(
  db: Executor,
  channel: string,
  token: { accessToken: string; refreshToken: string | null; expiresAt: Date | null },
): Promise<void> {
  await db.execute(
    sql`insert into channel_tokens (channel, access_token, refresh_token, expires_at, updated_at)
        values (${channel}, ${token.accessToken}, ${token.refreshToken}, ${token.expiresAt?.toISOString() ?? null}, now())
        on conflict (channel) do update set access_token = excluded.access_token, refresh_token = excluded.refresh_token,
          expires_at = excluded.expires_at, updated_at = now()`,
  );
}

export interface ContactRow {
  channel: string;
  external_id: string;
  last_inbound_at: Date;
  last_message_id: string | null;
}

/** Moves the messaging window forward; an older, late-processed event never moves it back. */
export async function touchContact(
  db: Executor,
  channel: string,
  externalId: string,
  at: Date,
  messageId: string | null,
): Promise<void> {
  await db.execute(
    sql`insert into channel_contacts (channel, external_id, last_inbound_at, last_message_id)
        values (${channel}, ${externalId}, ${at.toISOString()}, ${messageId})
        on conflict (channel, external_id) do update
          set last_inbound_at = excluded.last_inbound_at, last_message_id = excluded.last_message_id
          where channel_contacts.last_inbound_at <= excluded.last_inbound_at`,
  );
}

export async function findContact(
  db: Executor,
  channel: string,
  externalId: string,
): Promise<ContactRow | undefined> {
  const row = await queryOne<ContactRow>(
    db,
    sql`select * from channel_contacts where channel = ${channel} and external_id = ${externalId}`,
  );
  return row && { ...row, last_inbound_at: toDate(row.last_inbound_at) ?? new Date(0) };
}
