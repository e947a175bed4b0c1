import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../shared/errors.js";
import type { Open311Form } from "../../services/open311.service.js";
import { perProcess } from "../rate-limit-store.js";
import type { RouteOptions } from "../route-options.js";
import { send, sendOpen311Error } from "./reply.js";

const format = z.enum(["json", "xml"]);
type Format = z.infer<typeof format>;
const jurisdiction = z.object({ jurisdiction_id: z.string().max(200).optional() });
const requestsQuery = jurisdiction.extend({
  service_request_id: z.string().max(2000).optional(),
  service_code: z.string().max(40).optional(),
  start_date: z.string().max(40).optional(),
  end_date: z.string().max(40).optional(),
  status: z.string().max(20).optional(),
});
const formBody = z.record(z.string().max(100), z.union([z.string(), z.array(z.string()).max(20)]));

/** Submissions per API key per hour (a token bucket, like the portal's per address). */
export const OPEN311_SUBMISSIONS_PER_HOUR = 600;

/** GeoReport v2 error codes: 404 unknown resource, 403 api_key, 429 too many, 400 the rest. */
function errorStatus(error: FastifyError | AppError): number {
  if (error instanceof AppError) {
    if (error.code === "NOT_FOUND") return 404;
    if (error.code === "FORBIDDEN" || error.code === "UNAUTHENTICATED") return 403;
    if (error.code === "RATE_LIMITED") return 429;
    if (error.status === 413 || error.status === 415) return error.status;
    return error.status >= 500 ? 500 : 400;
  }
  if (error.validation && error.validationContext === "params") return 404;
  const status = error.statusCode ?? 500;
  return status >= 400 && status < 500 ? status : 500;
}

function describe(error: FastifyError | AppError, status: number): string {
  if (status === 500) return "Lỗi hệ thống. Vui lòng thử lại sau.";
  if (error instanceof AppError) {
    const details = error.details?.map((d) => `${d.field}: ${d.message}`).join("; ");
    return details ? `${error.message} ${details}` : error.message;
  }
  if ((error as FastifyError).validation) {
    return (error as FastifyError).validationContext === "params"
      ? "Không tìm thấy tài nguyên (định dạng chỉ nhận .json hoặc .xml)."
      : `Tham số không hợp lệ: ${error.message}`;
  }
  return error.message;
}

/** application/x-www-form-urlencoded, keeping repeated keys and `attribute[code][]` as lists. */
function parseForm(text: string): Open311Form {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const key = rawKey.endsWith("[]") ? rawKey.slice(0, -2) : rawKey;
    const prev = out[key];
    if (prev === undefined) out[key] = rawKey.endsWith("[]") ? [value] : value;
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return { ...out };
}

/**
 * Open311 GeoReport v2 (issue 17, INTEGRATIONS.md §5) under /open311/v2/: every document in JSON
 * or XML by extension, errors as the spec's array `[{code, description}]`. Public: only POST
 * needs an api_key; reads show only what the portal publishes (services/open311.service.ts).
 */
export const open311Routes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const open311 = services.open311;
  // Per API key, in the shared buckets (issue 15): one limit across all server processes.
  const submissionLimit = { capacity: OPEN311_SUBMISSIONS_PER_HOUR, periodMs: 3_600_000 };
  const readLimit = { rateLimit: perProcess({ max: 600, timeWindow: "1 minute" }) };
  const tags = ["open311"];

  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 65_536 },
    (_r, body, done) => done(null, parseForm(String(body))),
  );

  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const status = errorStatus(error);
    if (status >= 500) request.log.error({ err: error }, "open311 request failed");
    if (error instanceof AppError && error.code === "RATE_LIMITED" && !reply.getHeader("retry-after")) {
      reply.header("retry-after", "60");
    }
    return sendOpen311Error(reply, request.url, status, describe(error, status));
  });
  app.setNotFoundHandler((request, reply) =>
    sendOpen311Error(reply, request.url, 404, "Không tìm thấy tài nguyên."),
  );

  /**
   * A read of the GeoReport API under the read limit: the jurisdiction checked first, then the answer
   * (its root element, the value, and the element of each item) in the format of the extension.
   */
  const read = <P extends z.ZodType<{ format: Format }>, Q extends z.ZodType<{ jurisdiction_id?: string }>>(
    url: string,
    summary: string,
    params: P,
    querystring: Q,
    answer: (
      params: z.output<P>,
      query: z.output<Q>,
    ) => Promise<[root: string, value: unknown, item?: string]>,
  ) =>
    app.get(
      url,
      { config: readLimit, schema: { tags, summary, params, querystring } },
      async (request, reply) => {
        // Validated by the schemas above (their types do not resolve through the generic route).
        const [p, q] = [request.params as z.output<P>, request.query as z.output<Q>];
        open311.checkJurisdiction(q.jurisdiction_id);
        const [root, value, item] = await answer(p, q);
        return send(reply, p.format, 200, root, value, item);
      },
    );

  app.get(
    "/discovery.:format",
    {
      config: readLimit,
      schema: { tags, summary: "Open311: tài liệu khám phá dịch vụ", params: z.object({ format }) },
    },
    async (request, reply) => send(reply, request.params.format, 200, "discovery", open311.discovery()),
  );

  read(
    "/services.:format",
    "Open311: danh sách dịch vụ (lĩnh vực)",
    z.object({ format }),
    jurisdiction,
    async () => ["services", await open311.services(), "service"],
  );

  read(
    "/services/:service_code.:format",
    "Open311: định nghĩa một dịch vụ (thuộc tính bổ sung)",
    z.object({ service_code: z.string().max(40), format }),
    jurisdiction,
    async (params) => ["service_definition", await open311.definition(params.service_code)],
  );

  app.post(
    "/requests.:format",
    {
      schema: {
        tags,
        summary: "Open311: gửi yêu cầu (application/x-www-form-urlencoded, cần api_key)",
        // Form-encoded as GeoReport v2 says; the same fields as a JSON object of strings too.
        consumes: ["application/x-www-form-urlencoded", "application/json"],
        params: z.object({ format }),
        body: formBody,
      },
    },
    async (request, reply) => {
      const form = request.body as Open311Form;
      const first = (v: Open311Form[string]) => (Array.isArray(v) ? v[0] : v);
      open311.checkJurisdiction(first(form.jurisdiction_id));
      const key = await open311.authenticate(first(form.api_key));
      const taken = await services.rateLimits.take("open311_submit", key.id, submissionLimit);
      if (!taken.ok) {
        reply.header("retry-after", String(Math.ceil(taken.retryAfterMs / 1000)));
        throw new AppError("RATE_LIMITED");
      }
      const created = await open311.create(key, form);
      return send(reply, request.params.format, 201, "service_requests", created, "request");
    },
  );

  read(
    "/requests.:format",
    "Open311: yêu cầu đã công khai",
    z.object({ format }),
    requestsQuery,
    async (_params, query) => ["service_requests", await open311.list(query), "request"],
  );

  read(
    "/requests/:service_request_id.:format",
    "Open311: một yêu cầu đã công khai",
    z.object({ service_request_id: z.string().max(40), format }),
    jurisdiction,
    async (params) => ["service_requests", await open311.find(params.service_request_id), "request"],
  );

  read(
    "/tokens/:token.:format",
    "Open311: mã yêu cầu ứng với một token",
    z.object({ token: z.string().max(40), format }),
    jurisdiction,
    async (params) => ["service_requests", await open311.token(params.token), "request"],
  );
};
