import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import { type ChannelName, headerValue, type IntakeInput, type WebhookHeaders } from "../channels/channel.js";
import { facebookHandshake } from "../channels/facebook/facebook.adapter.js";
import { sameSecret } from "../channels/provider-json.js";
import type { ChannelAdapters } from "../channels/registry.js";
import {
  channelFields,
  emailSettings,
  facebookSettings,
  requiredChannelKeys,
  zaloSettings,
} from "../channels/settings.js";
import { parseDeliveryReports } from "../channels/sms/delivery-report.js";
import type { AppContext } from "../context.js";
import {
  type ConfigurableChannel,
  saveChannelSettings,
  saveChannelToken,
} from "../db/repositories/channel.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { enqueueInbound } from "../db/repositories/inbound.repository.js";
import { recordDeliveryReport } from "../db/repositories/outbox-delivery.repository.js";
import { authorize } from "../policies/authorize.js";
import type { LiveBus, NotifiedSignal } from "./live-bus.js";
import { afterUnreached } from "./notify.js";

/** An intake input as stored in the inbound queue (JSON: dates as ISO strings, no file bytes). */
export type QueuedIntake = Omit<IntakeInput, "receivedAt" | "attachments"> & { receivedAt: string };

export interface ChannelSettingsView {
  channel: ConfigurableChannel;
  enabled: boolean;
  settings: Record<string, string | null>;
  /** Which secrets are set — never their values. */
  secretsSet: Record<string, boolean>;
  /** Required keys still unset: the channel is not configured (issue 18). */
  missing: string[];
}

export interface ChannelSettingsChange {
  enabled: boolean;
  settings: Record<string, string | null>;
  secrets: Record<string, string | null>;
}

const reasons = {
  signature: () => new AppError("SIGNATURE_INVALID"),
  stale: () => new AppError("SIGNATURE_INVALID", "Sự kiện đã quá cũ hoặc bị gửi lại (lệch quá 5 phút)."),
  json: () => new AppError("BAD_JSON"),
  unknown_event: () => new AppError("VALIDATION", "Loại sự kiện không được hỗ trợ."),
  invalid: () => new AppError("VALIDATION"),
} as const;

export function createChannelService(
  ctx: AppContext,
  adapters: ChannelAdapters,
  live: Pick<LiveBus, "publishNotified">,
) {
  async function view(channel: ConfigurableChannel): Promise<ChannelSettingsView> {
    const effective =
      channel === "facebook"
        ? await facebookSettings(ctx.db, ctx.config)
        : channel === "zalo"
          ? await zaloSettings(ctx.db, ctx.config)
          : await emailSettings(ctx.db, ctx.config);
    const values = effective as unknown as Record<string, string | boolean | null>;
    const fields = channelFields[channel];
    const settings = Object.fromEntries(
      fields.settings.map((k) => [k, (values[k] as string | null) ?? null]),
    );
    const secretsSet = Object.fromEntries(fields.secrets.map((k) => [k, Boolean(values[k])]));
    const missing = requiredChannelKeys[channel].filter((k) => !values[k]);
    return { channel, enabled: effective.enabled, settings, secretsSet, missing };
  }

  return {
    /**
     * A webhook call: verify over the raw bytes, parse, store each message in the inbound queue
     * and return — processing happens in the worker, so the provider gets its 200 at once.
     * Anything refused stores nothing.
     */
    async receiveWebhook(
      channel: ChannelName,
      rawBody: Buffer,
      headers: WebhookHeaders,
    ): Promise<{ accepted: number }> {
      const adapter = adapters.get(channel);
      if (!adapter?.parseWebhook) throw new AppError("NOT_FOUND");
      const parsed = await adapter.parseWebhook(rawBody, headers);
      if (!parsed.ok) throw reasons[parsed.reason]();
      // One transaction: a batch with one message the database refuses stores none of them.
      return ctx.db.transaction(async (tx) => {
        let accepted = 0;
        for (const m of parsed.messages) {
          const payload: QueuedIntake = {
            channel: m.channel,
            externalRef: m.externalRef,
            identity: m.identity,
            content: m.content,
            receivedAt: m.receivedAt.toISOString(),
            threadCode: m.threadCode ?? null,
            suppressAcknowledgement: m.suppressAcknowledgement ?? false,
          };
          const stored = await enqueueInbound(tx, {
            channel,
            externalRef: m.externalRef,
            payload,
            receivedAt: ctx.clock.now(),
          });
          if (stored) accepted++;
        }
        return { accepted };
      });
    },

    /**
     * The SMS gateway's delivery reports (issue 12): authenticated by the shared SMS_DLR_TOKEN, given
     * in the callback URL (`?token=`) or as `Authorization: Bearer`; refused when none is configured.
     * Each final report is kept on the outbox row it names; `accepted` counts the rows updated. A
     * failed or expired one sets off, in the same transaction, what an undeliverable chat message
     * does: an email to the requester when known, else staff told to call back (notify.ts).
     */
    async receiveSmsDeliveryReport(
      rawBody: Buffer,
      headers: WebhookHeaders,
      queryToken: string | undefined,
    ): Promise<{ accepted: number }> {
      const expected = ctx.config.SMS_DLR_TOKEN;
      const bearer = /^Bearer\s+(\S+)$/i.exec(headerValue(headers, "authorization"))?.[1];
      const given = queryToken ?? bearer ?? "";
      if (!expected || !sameSecret(given, expected)) throw new AppError("SIGNATURE_INVALID");
      const reports = parseDeliveryReports(rawBody, headerValue(headers, "content-type"));
      if (!reports) throw new AppError("BAD_JSON");
      const at = ctx.clock.now();
      const notified: NotifiedSignal[] = [];
      const accepted = await ctx.db.transaction(async (tx) => {
        let count = 0;
        for (const r of reports) {
          const rows = await recordDeliveryReport(tx, "sms", r, at);
          for (const row of rows) {
            const told = r.status === "delivered" ? null : await afterUnreached(tx, row, at);
            if (told) notified.push(told);
          }
          count += rows.length;
        }
        return count;
      });
      // Once committed: the consoles of those told show it at once.
      for (const signal of notified) live.publishNotified(signal);
      return { accepted };
    },

    facebookHandshake: (query: { mode?: string; token?: string; challenge?: string }) =>
      facebookHandshake(ctx, query),

    async listSettings(actor: Actor | null): Promise<ChannelSettingsView[]> {
      authorize(actor, "channel.manage");
      return Promise.all((["email", "zalo", "facebook"] as const).map(view));
    },

    async updateSettings(
      actor: Actor | null,
      channel: ConfigurableChannel,
      change: ChannelSettingsChange,
    ): Promise<ChannelSettingsView> {
      const who = authorize(actor, "channel.manage");
      const fields = channelFields[channel];
      const only = (given: Record<string, string | null>, allowed: readonly string[]) =>
        Object.fromEntries(Object.entries(given).filter(([k]) => allowed.includes(k)));
      const secrets = only(change.secrets, fields.secrets);
      await ctx.db.transaction(async (tx) => {
        await saveChannelSettings(tx, channel, {
          enabled: change.enabled,
          settings: only(change.settings, fields.settings),
          secrets,
          by: who.userId,
        });
        // The audit trail names what changed, never a secret's value.
        await appendEvent(tx, {
          actor: who,
          entity: "channel",
          entityId: channel,
          kind: "channel.settings_updated",
          at: ctx.clock.now(),
          data: {
            enabled: change.enabled,
            settings: only(change.settings, fields.settings),
            secretsChanged: Object.keys(secrets),
          },
        });
        // A new access token typed by the administrator replaces the rotated pair.
        if (channel === "zalo" && typeof secrets.accessToken === "string") {
          await saveChannelToken(tx, "zalo", {
            accessToken: secrets.accessToken,
            refreshToken: typeof secrets.refreshToken === "string" ? secrets.refreshToken : null,
            expiresAt: null,
          });
        }
      });
      return view(channel);
    },
  };
}

export type ChannelService = ReturnType<typeof createChannelService>;
