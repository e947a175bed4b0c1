import type { Config } from "../config.js";
import type { Executor } from "../db/client.js";
import { type ConfigurableChannel, findChannelSettings } from "../db/repositories/channel.repository.js";

/**
 * Effective channel settings: what an administrator saved in the console wins, environment
 * variables fill the rest, so one build talks to local test servers or to the real providers.
 * Secret values never leave this module except towards the provider they belong to.
 */
export interface FacebookSettings {
  enabled: boolean;
  pageId: string | null;
  appSecret: string | null;
  verifyToken: string | null;
  pageToken: string | null;
  graphUrl: string;
}

export interface ZaloSettings {
  enabled: boolean;
  appId: string | null;
  oaId: string | null;
  oaSecretKey: string | null;
  appSecret: string | null;
  accessToken: string | null;
  refreshToken: string | null;
  apiUrl: string;
  oauthUrl: string;
}

export interface EmailSettings {
  enabled: boolean;
  imapUrl: string | null;
  smtpUrl: string | null;
  from: string;
  /** Domain of our Message-IDs; taken from the From address when unset. */
  messageIdDomain: string;
}

/** Which keys the console may set, and which of them are secrets (write-only). */
export const channelFields = {
  facebook: { settings: ["pageId", "graphUrl"], secrets: ["appSecret", "verifyToken", "pageToken"] },
  zalo: {
    settings: ["appId", "oaId", "apiUrl", "oauthUrl"],
    secrets: ["oaSecretKey", "appSecret", "accessToken", "refreshToken"],
  },
  email: { settings: ["from", "messageIdDomain"], secrets: ["imapUrl", "smtpUrl"] },
} as const satisfies Record<ConfigurableChannel, { settings: readonly string[]; secrets: readonly string[] }>;

/**
 * What a channel cannot work without: the mailbox to poll and the server to send through; the
 * page's and the OA's secrets that verify their webhooks and the tokens that reply.
 */
export const requiredChannelKeys = {
  facebook: ["appSecret", "verifyToken", "pageToken"],
  zalo: ["oaSecretKey", "accessToken"],
  email: ["imapUrl", "smtpUrl"],
} as const satisfies Record<ConfigurableChannel, readonly string[]>;

async function stored(db: Executor, channel: ConfigurableChannel) {
  const row = await findChannelSettings(db, channel);
  const pick = (key: string, env: string | undefined): string | null =>
    row?.secrets[key] ?? row?.settings[key] ?? env ?? null;
  return { enabled: row?.enabled ?? true, pick };
}

export async function facebookSettings(db: Executor, config: Config): Promise<FacebookSettings> {
  const { enabled, pick } = await stored(db, "facebook");
  return {
    enabled,
    pageId: pick("pageId", undefined),
    appSecret: pick("appSecret", config.FACEBOOK_APP_SECRET),
    verifyToken: pick("verifyToken", config.FACEBOOK_VERIFY_TOKEN),
    pageToken: pick("pageToken", config.FACEBOOK_PAGE_TOKEN),
    graphUrl: (pick("graphUrl", config.FACEBOOK_GRAPH_URL) ?? config.FACEBOOK_GRAPH_URL).replace(/\/+$/, ""),
  };
}

export async function zaloSettings(db: Executor, config: Config): Promise<ZaloSettings> {
  const { enabled, pick } = await stored(db, "zalo");
  return {
    enabled,
    appId: pick("appId", config.ZALO_APP_ID),
    oaId: pick("oaId", undefined),
    oaSecretKey: pick("oaSecretKey", config.ZALO_OA_SECRET_KEY),
    appSecret: pick("appSecret", config.ZALO_APP_SECRET),
    accessToken: pick("accessToken", config.ZALO_ACCESS_TOKEN),
    refreshToken: pick("refreshToken", config.ZALO_REFRESH_TOKEN),
    apiUrl: (pick("apiUrl", config.ZALO_API_URL) ?? config.ZALO_API_URL).replace(/\/+$/, ""),
    oauthUrl: (pick("oauthUrl", config.ZALO_OAUTH_URL) ?? config.ZALO_OAUTH_URL).replace(/\/+$/, ""),
  };
}

export async function emailSettings(db: Executor, config: Config): Promise<EmailSettings> {
  const { enabled, pick } = await stored(db, "email");
  const from = pick("from", config.MAIL_FROM) ?? config.MAIL_FROM;
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? "1022.local";
  return {
    enabled,
    imapUrl: pick("imapUrl", config.IMAP_URL),
    smtpUrl: pick("smtpUrl", config.SMTP_URL),
    from,
    messageIdDomain: pick("messageIdDomain", undefined) ?? domain,
  };
}

/** A channel that is switched on but cannot deliver or receive for want of configuration. */
export interface UnconfiguredChannel {
  channel: "email" | "facebook" | "zalo" | "sms";
  /** What is missing, named as the environment variable (or the console's channel page) sets it. */
  missing: string[];
}

/**
 * The channels start-up reports once as "not configured" (issue 18.9) instead of each queued
 * message warning on every retry. A channel switched off on the console is not listed.
 */
export async function unconfiguredChannels(db: Executor, config: Config): Promise<UnconfiguredChannel[]> {
  const [email, facebook, zalo] = await Promise.all([
    emailSettings(db, config),
    facebookSettings(db, config),
    zaloSettings(db, config),
  ]);
  const out: UnconfiguredChannel[] = [];
  const missing = (pairs: [string, string | null][]) => pairs.filter(([, v]) => !v).map(([k]) => k);
  if (email.enabled) {
    const m = missing([
      ["SMTP_URL", email.smtpUrl],
      ["IMAP_URL", email.imapUrl],
    ]);
    if (m.length > 0) out.push({ channel: "email", missing: m });
  }
  if (facebook.enabled && !facebook.pageToken)
    out.push({ channel: "facebook", missing: ["FACEBOOK_PAGE_TOKEN"] });
  if (zalo.enabled && !zalo.accessToken && !zalo.refreshToken)
    out.push({ channel: "zalo", missing: ["ZALO_ACCESS_TOKEN"] });
  // SMS is configured by environment only; phone callers' messages wait for it.
  const sms = missing([
    ["SMS_GATEWAY_URL", config.SMS_GATEWAY_URL ?? null],
    ["SMS_API_KEY", config.SMS_API_KEY ?? null],
  ]);
  if (sms.length > 0) out.push({ channel: "sms", missing: sms });
  return out;
}
