import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idParams, listOf } from "../../../shared/schemas/common.js";
import {
  apiKeyBody,
  apiKeyCreated,
  apiKeyView,
  deliveryParams,
  subscriptionBody,
  subscriptionCreated,
  subscriptionView,
  webhookDeliveryView,
} from "../../../shared/schemas/integrations.js";
import type { RouteOptions } from "../route-options.js";
import { staffRoutes } from "../staff-route.js";

/** Integrators (issue 17): Open311 API keys and webhook subscriptions, administrators only, audited. */
export const integrationRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const integrations = services.integrations;
  const tags = ["integrations"];
  const action = "integration.manage" as const;

  const route = staffRoutes(app, tags);
  const apiKeys = route.group("/api/v1/admin/api-keys", action);
  const webhooks = route.group("/api/v1/admin/webhooks", action);

  apiKeys.get(
    "",
    "Khoá API của các hệ thống tích hợp (Open311)",
    { response: listOf(apiKeyView) },
    async ({ actor }) => ({ items: await integrations.listApiKeys(actor) }),
  );

  apiKeys.post(
    "",
    "Cấp khoá API cho một hệ thống tích hợp (khoá chỉ hiện một lần)",
    { body: apiKeyBody, response: { 201: apiKeyCreated } },
    async ({ actor, body }) => integrations.issueApiKey(actor, body.name),
  );

  apiKeys.post(
    "/:id/revoke",
    "Thu hồi khoá API",
    { params: idParams, response: apiKeyView },
    async ({ actor, params }) => integrations.revokeApiKey(actor, params.id),
  );

  webhooks.get("", "Đăng ký webhook gửi đi", { response: listOf(subscriptionView) }, async ({ actor }) => ({
    items: await integrations.listSubscriptions(actor),
  }));

  webhooks.post(
    "",
    "Tạo đăng ký webhook (khoá ký chỉ hiện một lần)",
    { body: subscriptionBody, response: { 201: subscriptionCreated } },
    async ({ actor, body }) => integrations.createSubscription(actor, body),
  );

  webhooks.put(
    "/:id",
    "Sửa đăng ký webhook",
    { params: idParams, body: subscriptionBody, response: subscriptionView },
    async ({ actor, params, body }) => integrations.updateSubscription(actor, params.id, body),
  );

  webhooks.get(
    "/:id/deliveries",
    "Nhật ký gửi của một đăng ký webhook (mới nhất trước)",
    { params: idParams, response: listOf(webhookDeliveryView) },
    async ({ actor, params }) => ({ items: await integrations.deliveries(actor, params.id) }),
  );

  webhooks.post(
    "/:id/deliveries/:deliveryId/redeliver",
    "Gửi lại một lần gửi webhook",
    { params: deliveryParams, response: { 201: webhookDeliveryView } },
    async ({ actor, params }) => integrations.redeliver(actor, params.id, params.deliveryId),
  );
};
