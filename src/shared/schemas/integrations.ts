import { z } from "zod";
import { deliveryReasons } from "../delivery-reason.js";

/** Integrators (issue 17): Open311 API keys and outbound webhook subscriptions. */

export const apiKeyBody = z.object({
  name: z.string().trim().min(1, "Vui lòng nhập tên hệ thống tích hợp").max(200, "Tên quá dài"),
});
export type ApiKeyBody = z.infer<typeof apiKeyBody>;

/** The key itself appears only here, once: only its hash is stored. */
export const apiKeyCreated = z.object({ id: z.string(), name: z.string(), apiKey: z.string() });
export type ApiKeyCreated = z.infer<typeof apiKeyCreated>;

export const apiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the key, to tell keys apart. */
  prefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyView>;

export const webhookEvents = [
  "request.received",
  "request.forwarded",
  "request.answered",
  "request.published",
  "request.closed",
] as const;
export const webhookEventSchema = z.enum(webhookEvents);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

export const subscriptionBody = z.object({
  name: z.string().trim().min(1, "Vui lòng nhập tên").max(200, "Tên quá dài"),
  url: z
    .string()
    .trim()
    .max(2000, "Địa chỉ quá dài")
    .regex(/^https?:\/\/[^\s]+$/, "Địa chỉ phải bắt đầu bằng http:// hoặc https://"),
  events: z.array(webhookEventSchema).min(1, "Chọn ít nhất một sự kiện").max(5),
  /** Granted by an administrator: payloads then carry the request's code, content and contact. */
  personalData: z.boolean().default(false),
  active: z.boolean().default(true),
});
export type SubscriptionBody = z.infer<typeof subscriptionBody>;

export const subscriptionView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(webhookEventSchema),
  personalData: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type SubscriptionView = z.infer<typeof subscriptionView>;

/** The signing secret appears only here, once. */
export const subscriptionCreated = subscriptionView.extend({ secret: z.string() });
export type SubscriptionCreated = z.infer<typeof subscriptionCreated>;

export const webhookDeliveryView = z.object({
  id: z.number(),
  event: z.string(),
  eventId: z.number().nullable(),
  status: z.enum(["pending", "sending", "sent", "failed", "undeliverable"]),
  attempts: z.number(),
  lastError: z.string().nullable(),
  /** What kind of failure `lastError` is (src/shared/delivery-reason.ts); null when none. */
  lastErrorReason: z.enum(deliveryReasons).nullable(),
  /** The receiver's HTTP status of the successful attempt. */
  responseStatus: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  redelivery: z.boolean(),
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliveryView>;

export const deliveryParams = z.object({
  id: z.uuid(),
  deliveryId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});
