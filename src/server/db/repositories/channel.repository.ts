import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor } from "../client.js";
import { oneRow } from "../queries.js";

export const configurableChannelSchema = z.enum(["email", "zalo", "facebook"]);
export type ConfigurableChannel = z.infer<typeof configurableChannelSchema>;

export const channelSettingsRow = z.object({
  channel: configurableChannelSchema,
  enabled: z.boolean(),
  settings: z.record(z.string(), z.string()),
  secrets: z.record(z.string(), z.string()),
  updated_at: col.timestamp,
});
export type ChannelSettingsRow = z.infer<typeof channelSettingsRow>;

export const findChannelSettings = oneRow(
  channelSettingsRow,
  (channel: ConfigurableChannel) => sql`select * from channel_settings where channel = ${channel}`,
);

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

export const channelTokenRow = z.object({
  channel: z.string(),
  access_token: z.string(),
  refresh_token: z.string().nullable(),
  expires_at: col.nullableTimestamp,
});
export type ChannelTokenRow = z.infer<typeof channelTokenRow>;

export const findChannelToken = oneRow(
  channelTokenRow,
  (channel: string, forUpdate = false) =>
    sql`select * from channel_tokens where channel = ${channel} ${forUpdate ? sql`for update` : sql``}`,
);

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

export const contactRow = z.object({
  channel: z.string(),
  external_id: z.string(),
  last_inbound_at: col.timestamp,
  last_message_id: z.string().nullable(),
});
export type ContactRow = z.infer<typeof contactRow>;

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

export const findContact = oneRow(
  contactRow,
  (channel: string, externalId: string) =>
    sql`select * from channel_contacts where channel = ${channel} and external_id = ${externalId}`,
);
