import { randomBytes } from "node:crypto";
import { AppError, invalidField } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type {
  ApiKeyCreated,
  ApiKeyView,
  SubscriptionBody,
  SubscriptionCreated,
  SubscriptionView,
  WebhookDeliveryView,
} from "../../shared/schemas/integrations.js";
import { formatVnIso, formatVnIsoOrNull } from "../../shared/time.js";
import { webhookTargetMessages, webhookTargetRefusal } from "../channels/webhook/webhook-target.js";
import { webhookPrivateNetworkAllowed } from "../config.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { appendEvent, type NewEvent } from "../db/repositories/event.repository.js";
import {
  type ApiKeyRow,
  enqueueRedelivery,
  findDelivery,
  findSubscription,
  insertApiKey,
  insertSubscription,
  listApiKeys,
  listDeliveries,
  listSubscriptions,
  revokeApiKey,
  type SubscriptionRow,
  updateSubscription,
} from "../db/repositories/integration.repository.js";
import type { OutboxRow } from "../db/repositories/outbox.repository.js";
import { deliveryReason } from "../domain/delivery-reason.js";
import { authorize } from "../policies/authorize.js";
import { hashApiKey } from "./open311.service.js";

const presentKey = (k: ApiKeyRow): ApiKeyView => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  createdAt: formatVnIso(k.created_at),
  revokedAt: formatVnIsoOrNull(k.revoked_at),
  lastUsedAt: formatVnIsoOrNull(k.last_used_at),
});

/** Never the secret: it is shown once, when the subscription is created. */
const presentSubscription = (s: SubscriptionRow): SubscriptionView => ({
  id: s.id,
  name: s.name,
  url: s.url,
  events: s.events as SubscriptionView["events"],
  personalData: s.personal_data,
  active: s.active,
  createdAt: formatVnIso(s.created_at),
});

const presentDelivery = (d: OutboxRow): WebhookDeliveryView => ({
  id: d.id,
  event: d.kind,
  eventId: d.event_id,
  status: d.status,
  attempts: d.attempts,
  lastError: d.last_error,
  lastErrorReason: deliveryReason(d.last_error),
  responseStatus: d.provider_message_id,
  createdAt: formatVnIso(d.created_at),
  sentAt: formatVnIsoOrNull(d.sent_at),
  nextAttemptAt: d.status === "pending" ? formatVnIso(d.next_attempt_at) : null,
  redelivery: d.dedupe_key?.startsWith("webhook-redelivery:") ?? false,
});

/** An API key or a signing secret: 24 random bytes after a prefix naming what it is. */
const freshSecret = (prefix: string) => `${prefix}_${randomBytes(24).toString("base64url")}`;

const auditOf = (s: SubscriptionRow) => ({
  name: s.name,
  url: s.url,
  events: s.events,
  personalData: s.personal_data,
  active: s.active,
});

/** Administrators manage integrators (issue 17): API keys for Open311 and webhook subscriptions. */
export function createIntegrationService(ctx: AppContext) {
  const { db } = ctx;

  async function subscriptionOr404(id: string) {
    const s = await findSubscription(db, id);
    if (!s) throw new AppError("NOT_FOUND", "Không tìm thấy đăng ký webhook.");
    return s;
  }

  /** A write and its event in the log, in one transaction: every change of an integration is audited. */
  const audited = <T>(
    admin: Actor,
    write: (tx: Executor) => Promise<T>,
    event: (row: T) => Pick<NewEvent, "entity" | "entityId" | "kind" | "data" | "at">,
  ) =>
    db.transaction(async (tx) => {
      const row = await write(tx);
      await appendEvent(tx, { actor: admin, at: ctx.clock.now(), ...event(row) });
      return row;
    });

  /** A row an administrator creates, audited as `{ before: null, after }` under its own id. */
  const created = <T extends { id: string }>(
    admin: Actor,
    entity: string,
    kind: string,
    insert: (tx: Executor) => Promise<T>,
    after: (row: T) => Record<string, unknown>,
  ) =>
    audited(admin, insert, (row) => ({
      entity,
      entityId: row.id,
      kind,
      data: { before: null, after: after(row) },
    }));

  /**
   * A change of one stored row, audited under `entityId` as `kind` with `data(row)`: `write` answers
   * the changed row, or nothing when there was none to change, and then `missing()` is thrown.
   */
  const changed = <T>(
    admin: Actor,
    event: Pick<NewEvent, "entity" | "entityId" | "kind" | "at">,
    write: (tx: Executor) => Promise<T | undefined>,
    missing: () => AppError,
    data: (row: T) => Record<string, unknown>,
  ) =>
    audited(
      admin,
      async (tx) => {
        const row = await write(tx);
        if (!row) throw missing();
        return row;
      },
      (row) => ({ ...event, data: data(row) }),
    );

  /** SSRF guard (webhook-target.ts): a URL into a private network is refused, 400 on `url`. */
  function checkTarget(url: string) {
    const code = webhookTargetRefusal(url);
    if (!code || (code === "private_network" && webhookPrivateNetworkAllowed(ctx.config))) return;
    throw invalidField("url", webhookTargetMessages[code], { code, summary: null });
  }

  return {
    async listApiKeys(actor: Actor | null): Promise<ApiKeyView[]> {
      authorize(actor, "integration.manage");
      return (await listApiKeys(db)).map(presentKey);
    },

    /** Issues a key: returned here once, only its SHA-256 is stored. */
    async issueApiKey(actor: Actor | null, name: string): Promise<ApiKeyCreated> {
      const admin = authorize(actor, "integration.manage");
      const apiKey = freshSecret("o311");
      const row = await created(
        admin,
        "api_key",
        "api_key.issued",
        (tx) =>
          insertApiKey(tx, {
            name,
            keyHash: hashApiKey(apiKey),
            prefix: apiKey.slice(0, 9),
            createdBy: admin.userId,
          }),
        (key) => ({ name, prefix: key.prefix }),
      );
      return { id: row.id, name: row.name, apiKey };
    },

    async revokeApiKey(actor: Actor | null, id: string): Promise<ApiKeyView> {
      const admin = authorize(actor, "integration.manage");
      const row = await changed(
        admin,
        { entity: "api_key", entityId: id, kind: "api_key.revoked" },
        (tx) => revokeApiKey(tx, id, ctx.clock.now()),
        () => new AppError("NOT_FOUND", "Không tìm thấy khoá API."),
        (revoked) => ({ name: revoked.name, prefix: revoked.prefix }),
      );
      return presentKey(row);
    },

    async listSubscriptions(actor: Actor | null): Promise<SubscriptionView[]> {
      authorize(actor, "integration.manage");
      return (await listSubscriptions(db)).map(presentSubscription);
    },

    /** Creates a subscription with a fresh signing secret, returned here once. */
    async createSubscription(actor: Actor | null, body: SubscriptionBody): Promise<SubscriptionCreated> {
      const admin = authorize(actor, "integration.manage");
      checkTarget(body.url);
      const secret = freshSecret("whsec");
      const row = await created(
        admin,
        "webhook_subscription",
        "webhook_subscription.created",
        (tx) => insertSubscription(tx, { ...body, secret, createdBy: admin.userId }),
        auditOf,
      );
      return { ...presentSubscription(row), secret };
    },

    async updateSubscription(
      actor: Actor | null,
      id: string,
      body: SubscriptionBody,
    ): Promise<SubscriptionView> {
      const admin = authorize(actor, "integration.manage");
      checkTarget(body.url);
      const before = await subscriptionOr404(id);
      const row = await changed(
        admin,
        { entity: "webhook_subscription", entityId: id, kind: "webhook_subscription.updated" },
        (tx) => updateSubscription(tx, id, body, ctx.clock.now()),
        () => new AppError("NOT_FOUND", "Không tìm thấy đăng ký webhook."),
        (updated) => ({ before: auditOf(before), after: auditOf(updated) }),
      );
      return presentSubscription(row);
    },

    /** The delivery log of one subscription, newest first. */
    async deliveries(actor: Actor | null, id: string): Promise<WebhookDeliveryView[]> {
      authorize(actor, "integration.manage");
      await subscriptionOr404(id);
      return (await listDeliveries(db, id, 200)).map(presentDelivery);
    },

    /** Sends a logged delivery again, as a new delivery with the same payload (audited). */
    async redeliver(actor: Actor | null, id: string, deliveryId: number): Promise<WebhookDeliveryView> {
      const admin = authorize(actor, "integration.manage");
      const original = await findDelivery(db, id, deliveryId);
      if (!original) throw new AppError("NOT_FOUND", "Không tìm thấy lần gửi này.");
      const now = ctx.clock.now();
      const row = await changed(
        admin,
        { entity: "webhook_subscription", entityId: id, kind: "webhook_subscription.redelivered", at: now },
        (tx) => enqueueRedelivery(tx, original, now.getTime()),
        () => new AppError("CONFLICT"),
        (copy) => ({ deliveryId, newDeliveryId: copy.id, event: original.kind }),
      );
      return presentDelivery(row);
    },
  };
}
