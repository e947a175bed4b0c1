import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../shared/errors.js";
import {
  channelSettingsList,
  channelSettingsView,
  facebookHandshakeQuery,
  updateChannelSettingsBody,
  webhookAccepted,
} from "../../../shared/schemas/channels.js";
import { errorResponse } from "../../../shared/schemas/common.js";
import { rawBody, rawBodyScope } from "../raw-body.js";
import type { RouteOptions } from "../route-options.js";
import { staffRoutes } from "../staff-route.js";

/** Webhook bodies are small; a bigger one is refused before it is read in full. */
const WEBHOOK_BODY_LIMIT = 256 * 1024;

export const channelRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const { channels } = services;

  // Provider webhooks in their own scope: signatures are over the raw bytes, so this scope keeps
  // the body as a Buffer and the adapter parses it after verifying (INTEGRATIONS cross-cutting rules).
  await app.register(async (instance) => {
    const scope = rawBodyScope(instance, WEBHOOK_BODY_LIMIT);
    const response = { 200: webhookAccepted, 400: errorResponse, 401: errorResponse, 413: errorResponse };

    scope.get(
      "/api/v1/channels/facebook/webhook",
      {
        // The query string carries the verify token: keep this URL out of the request log.
        logLevel: "warn",
        schema: {
          tags: ["channels"],
          summary: "Facebook: xác minh webhook (hub.challenge)",
          querystring: facebookHandshakeQuery,
          response: { 200: z.string(), 403: errorResponse },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const challenge = await channels.facebookHandshake({
          mode: q["hub.mode"],
          token: q["hub.verify_token"],
          challenge: q["hub.challenge"],
        });
        if (challenge === null) throw new AppError("FORBIDDEN");
        return reply.type("text/plain").send(challenge);
      },
    );

    scope.post(
      "/api/v1/channels/facebook/webhook",
      {
        // The query string carries the verify token: keep this URL out of the request log.
        logLevel: "warn",
        schema: {
          tags: ["channels"],
          summary: "Facebook Messenger: sự kiện trang (X-Hub-Signature-256)",
          response,
        },
      },
      async (request) => {
        const { accepted } = await channels.receiveWebhook(
          "facebook",
          rawBody(request.body),
          request.headers,
        );
        return { ok: true as const, accepted };
      },
    );

    scope.post(
      "/api/v1/channels/zalo/webhook",
      { schema: { tags: ["channels"], summary: "Zalo OA: sự kiện (X-ZEvent-Signature)", response } },
      async (request) => {
        const { accepted } = await channels.receiveWebhook("zalo", rawBody(request.body), request.headers);
        return { ok: true as const, accepted };
      },
    );

    scope.post(
      "/api/v1/channels/sms/delivery",
      {
        // The query string carries the shared token: keep this URL out of the request log.
        logLevel: "warn",
        schema: {
          tags: ["channels"],
          summary: "SMS: báo cáo chuyển phát của cổng SMS (token chung SMS_DLR_TOKEN)",
          description:
            "JSON `{SMSID, RequestId, status: delivered|failed|expired, error}` (or an array of them, or the same as a form); `?token=` or `Authorization: Bearer`. See docs/phone-adapters.md.",
          querystring: z.object({ token: z.string().max(500).optional() }),
          response,
        },
      },
      async (request) => {
        const { accepted } = await channels.receiveSmsDeliveryReport(
          rawBody(request.body),
          request.headers,
          request.query.token,
        );
        return { ok: true as const, accepted };
      },
    );
  });

  const route = staffRoutes(app, ["admin"]);

  const settings = route.group("/api/v1/admin/channels", "channel.manage");
  settings.get(
    "",
    "Cấu hình kênh tiếp nhận (không trả về khoá bí mật)",
    { response: channelSettingsList },
    async ({ actor }) => ({ items: await channels.listSettings(actor) }),
  );

  settings.put(
    "",
    "Lưu cấu hình một kênh (khoá bí mật chỉ ghi)",
    { body: updateChannelSettingsBody, response: channelSettingsView },
    async ({ actor, body }) => {
      const { channel, ...change } = body;
      return channels.updateSettings(actor, channel, change);
    },
  );
};
