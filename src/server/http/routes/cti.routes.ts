import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../shared/errors.js";
import { genericCtiForm, genericCtiQuery } from "../../../shared/schemas/calls.js";
import { errorResponse } from "../../../shared/schemas/common.js";
import { type CtiEvent, ctiEvent } from "../../../shared/schemas/cti.js";
import { verifyPayload } from "../../../shared/signature.js";
import { rawBody, rawBodyScope } from "../raw-body.js";
import type { RouteOptions } from "../route-options.js";

/** Switchboard events are small; a bigger body is refused before it is read in full. */
const CTI_BODY_LIMIT = 64 * 1024;

const eventAccepted = z.object({ ok: z.literal(true), duplicate: z.boolean() });

/** Equal in constant time, whatever the lengths (both sides hashed first). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** A switchboard event checked against its schema; otherwise a 400 naming its first ten problems. */
function parseEvent<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError("VALIDATION", "Sự kiện tổng đài không hợp lệ.", {
    details: result.error.issues.slice(0, 10).map((i) => ({
      field: i.path.join(".") || "event",
      code: i.code,
      message: i.message,
    })),
  });
}

/** A form (Zammad's generic CTI sends `user[]` repeated) or a JSON object, as a plain record. */
function formOrJson(body: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = body.toString("utf8");
  if (contentType?.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch {
      // falls through to the refusal below
    }
    throw new AppError("BAD_JSON");
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (key === "user[]" || key === "user") {
      const list = Array.isArray(out.user) ? out.user : [];
      out.user = [...list, value];
    } else out[key] = value;
  }
  return out;
}

/**
 * The switchboard's way in (issue 12, docs/phone.md): signed JSON events from our PBX adapters, and
 * the Zammad-compatible generic CTI form existing bridges already speak. Both verify before they
 * parse, over the raw bytes.
 */
export const ctiRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services, ctx }) => {
  await app.register(async (instance) => {
    const scope = rawBodyScope(instance, CTI_BODY_LIMIT);

    scope.post(
      "/api/v1/cti/events",
      {
        schema: {
          tags: ["phone"],
          summary: "Tổng đài: sự kiện cuộc gọi (X-CTI-Timestamp, X-CTI-Signature)",
          description:
            'JSON, ký bằng HMAC-SHA256 của "<timestamp>.<body>" với CTI_SECRET; lệch quá 300 giây bị từ chối; lặp lại eventId không thay đổi gì.',
          response: { 200: eventAccepted, 400: errorResponse, 401: errorResponse, 413: errorResponse },
        },
      },
      async (request) => {
        const body = rawBody(request.body);
        const secret = ctx.config.CTI_SECRET;
        const header = (name: string) => {
          const v = request.headers[name];
          return typeof v === "string" ? v : undefined;
        };
        const check = secret
          ? verifyPayload(
              secret,
              { timestamp: header("x-cti-timestamp"), signature: header("x-cti-signature") },
              body,
            )
          : "missing";
        if (check !== "ok") {
          request.log.warn({ check }, "CTI event refused");
          throw new AppError("SIGNATURE_INVALID");
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(body.toString("utf8"));
        } catch {
          throw new AppError("BAD_JSON");
        }
        const { duplicate } = await services.calls.receiveEvent(parseEvent(ctiEvent, parsed));
        return { ok: true as const, duplicate };
      },
    );

    scope.post(
      "/api/v1/cti/generic",
      {
        // The query string carries the shared token: keep this URL out of the request log.
        logLevel: "warn",
        schema: {
          tags: ["phone"],
          summary: "Tổng đài: biểu mẫu CTI chung kiểu Zammad (newCall, answer, hangup)",
          querystring: genericCtiQuery,
          response: { 200: z.object({}), 400: errorResponse, 401: errorResponse, 413: errorResponse },
        },
      },
      async (request) => {
        const expected = ctx.config.CTI_GENERIC_TOKEN;
        const token = request.query.token;
        if (!expected || !token || !sameSecret(token, expected))
          throw new AppError("SIGNATURE_INVALID", "Mã truy cập không hợp lệ.");
        const f = parseEvent(
          genericCtiForm,
          formOrJson(rawBody(request.body), request.headers["content-type"]),
        );
        const users = f.user === undefined ? [] : Array.isArray(f.user) ? f.user : [f.user];
        const common = {
          // One event of each kind per call: a bridge repeating itself changes nothing.
          eventId: `generic:${f.callId}:${f.event}`,
          callId: f.callId,
          at: ctx.clock.now().toISOString(),
          from: f.from,
          to: f.to,
          direction: f.direction,
        };
        const event: CtiEvent =
          f.event === "newCall"
            ? {
                ...common,
                event: "call.new",
                from: f.from ?? "anonymous",
                to: f.to ?? "",
                direction: f.direction ?? "in",
              }
            : f.event === "answer"
              ? { ...common, event: "call.answered", agent: users[0] ?? f.answeringNumber }
              : { ...common, event: "call.hangup", cause: f.cause };
        await services.calls.receiveEvent(event);
        return {};
      },
    );
  });
};
