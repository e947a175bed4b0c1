import { z } from "zod";
import { listOf } from "./common.js";

export const configurableChannel = z.enum(["email", "zalo", "facebook"]);

/** A channel's settings as the console sees them: secrets only as "is set" flags (write-only). */
export const channelSettingsView = z.object({
  channel: configurableChannel,
  enabled: z.boolean(),
  settings: z.record(z.string(), z.string().nullable()),
  secretsSet: z.record(z.string(), z.boolean()),
  /**
   * The settings and secrets the channel cannot work without that are still unset (console and
   * environment both): non-empty means "not configured", whatever `enabled` says.
   */
  missing: z.array(z.string()),
});

export const channelSettingsList = listOf(channelSettingsView);

const value = z.string().max(2000).nullable();

/**
 * Saving a channel: a key absent keeps its stored value, null clears it. Secrets are accepted
 * here and never returned anywhere.
 */
export const updateChannelSettingsBody = z.object({
  channel: configurableChannel,
  enabled: z.boolean(),
  settings: z.record(z.string().max(40), value).default({}),
  secrets: z.record(z.string().max(40), value).default({}),
});

export const facebookHandshakeQuery = z.object({
  "hub.mode": z.string().max(40).optional(),
  "hub.verify_token": z.string().max(500).optional(),
  "hub.challenge": z.string().max(200).optional(),
});

export const webhookAccepted = z.object({ ok: z.literal(true), accepted: z.number().int() });
