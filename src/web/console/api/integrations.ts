import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  ApiKeyCreated,
  ApiKeyView,
  SubscriptionBody,
  SubscriptionCreated,
  SubscriptionView,
  WebhookDeliveryView,
} from "../../../shared/schemas/integrations.js";
import { api } from "./client.js";

/** Integrations (issue 17): API keys and webhook subscriptions, administrators only. */
const keys = {
  all: ["integrations"] as const,
  apiKeys: ["integrations", "api-keys"] as const,
  hooks: ["integrations", "webhooks"] as const,
  deliveries: (id: string) => ["integrations", "webhooks", id, "deliveries"] as const,
};

export function useApiKeys() {
  return useQuery({
    queryKey: keys.apiKeys,
    queryFn: async ({ signal }) =>
      (await api<{ items: ApiKeyView[] }>("/api/v1/admin/api-keys", { signal })).items,
  });
}

export function useIssueApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api<ApiKeyCreated>("/api/v1/admin/api-keys", { method: "POST", body: { name } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<ApiKeyView>(`/api/v1/admin/api-keys/${id}/revoke`, { method: "POST" }),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useWebhooks() {
  return useQuery({
    queryKey: keys.hooks,
    queryFn: async ({ signal }) =>
      (await api<{ items: SubscriptionView[] }>("/api/v1/admin/webhooks", { signal })).items,
  });
}

/** Create (id null: the answer carries the signing secret, once) or update a subscription. */
export function useSaveWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: SubscriptionBody }) =>
      id === null
        ? api<SubscriptionCreated>("/api/v1/admin/webhooks", { method: "POST", body })
        : api<SubscriptionView>(`/api/v1/admin/webhooks/${id}`, { method: "PUT", body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.hooks }),
  });
}

export function useDeliveries(id: string | null) {
  return useQuery({
    queryKey: keys.deliveries(id ?? ""),
    enabled: id !== null,
    queryFn: async ({ signal }) =>
      (await api<{ items: WebhookDeliveryView[] }>(`/api/v1/admin/webhooks/${id}/deliveries`, { signal }))
        .items,
  });
}

export function useRedeliver(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: number) =>
      api<WebhookDeliveryView>(`/api/v1/admin/webhooks/${id}/deliveries/${deliveryId}/redeliver`, {
        method: "POST",
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.deliveries(id) }),
  });
}
