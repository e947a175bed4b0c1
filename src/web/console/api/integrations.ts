import type {
  ApiKeyCreated,
  ApiKeyView,
  SubscriptionBody,
  SubscriptionCreated,
  SubscriptionView,
  WebhookDeliveryView,
} from "../../../shared/schemas/integrations.js";
import { api } from "./client.js";
import { refresh, useItems, useSend } from "./query.js";

/** Integrations (issue 17): API keys and webhook subscriptions, administrators only. */
const keys = {
  all: ["integrations"] as const,
  apiKeys: ["integrations", "api-keys"] as const,
  hooks: ["integrations", "webhooks"] as const,
  deliveries: (id: string) => ["integrations", "webhooks", id, "deliveries"] as const,
};

export const useApiKeys = () => useItems<ApiKeyView>(keys.apiKeys, "/api/v1/admin/api-keys");

export const useIssueApiKey = () =>
  useSend(
    (name: string) => api<ApiKeyCreated>("/api/v1/admin/api-keys", { method: "POST", body: { name } }),
    refresh(keys.apiKeys),
  );

export const useRevokeApiKey = () =>
  useSend(
    (id: string) => api<ApiKeyView>(`/api/v1/admin/api-keys/${id}/revoke`, { method: "POST" }),
    refresh(keys.apiKeys),
  );

export const useWebhooks = () => useItems<SubscriptionView>(keys.hooks, "/api/v1/admin/webhooks");

/** Create (id null: the answer carries the signing secret, once) or update a subscription. */
export const useSaveWebhook = () =>
  useSend(
    ({ id, body }: { id: string | null; body: SubscriptionBody }) =>
      id === null
        ? api<SubscriptionCreated>("/api/v1/admin/webhooks", { method: "POST", body })
        : api<SubscriptionView>(`/api/v1/admin/webhooks/${id}`, { method: "PUT", body }),
    refresh(keys.hooks),
  );

export const useDeliveries = (id: string | null) =>
  useItems<WebhookDeliveryView>(keys.deliveries(id ?? ""), `/api/v1/admin/webhooks/${id}/deliveries`, {
    enabled: id !== null,
  });

export const useRedeliver = (id: string) =>
  useSend(
    (deliveryId: number) =>
      api<WebhookDeliveryView>(`/api/v1/admin/webhooks/${id}/deliveries/${deliveryId}/redeliver`, {
        method: "POST",
      }),
    refresh(keys.deliveries(id)),
  );
