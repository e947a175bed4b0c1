import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  agencyView,
  auditPage,
  auditQuery,
  createAgencyBody,
  createFieldBody,
  createRefusalReasonBody,
  fieldView,
  idParam,
  refusalReasonView,
  serialIdParam,
  updateAgencyBody,
  updateFieldBody,
  updateRefusalReasonBody,
} from "../../../shared/schemas/admin.js";
import { errorResponse, staffErrors, staffWriteSecurity } from "../../../shared/schemas/common.js";
import type { RouteOptions } from "../route-options.js";

const errors = staffErrors;
const security = staffWriteSecurity;

/** Administration of agencies, fields and refusal reasons, and the audit log (Art. 15; R-KB2, R-SE2). */
export const adminRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.post(
    "/api/v1/admin/agencies",
    {
      config: { action: "agency.manage" },
      schema: {
        tags: ["admin"],
        summary: "Thêm cơ quan",
        security,
        body: createAgencyBody,
        response: { 201: agencyView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.agencies.createAgency(request.actor, request.body)),
  );

  app.patch(
    "/api/v1/admin/agencies/:id",
    {
      config: { action: "agency.manage" },
      schema: {
        tags: ["admin"],
        summary: "Sửa cơ quan (số đường dây nóng, điều phối, ngừng hoạt động)",
        security,
        params: idParam,
        body: updateAgencyBody,
        response: { 200: agencyView, ...errors },
      },
    },
    async (request) => services.agencies.updateAgency(request.actor, request.params.id, request.body),
  );

  app.post(
    "/api/v1/admin/fields",
    {
      config: { action: "field.manage" },
      schema: {
        tags: ["admin"],
        summary: "Thêm lĩnh vực",
        security,
        body: createFieldBody,
        response: { 201: fieldView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.fields.createField(request.actor, request.body)),
  );

  app.patch(
    "/api/v1/admin/fields/:id",
    {
      config: { action: "field.manage" },
      schema: {
        tags: ["admin"],
        summary: "Sửa lĩnh vực",
        security,
        params: serialIdParam,
        body: updateFieldBody,
        response: { 200: fieldView, ...errors },
      },
    },
    async (request) => services.fields.updateField(request.actor, request.params.id, request.body),
  );

  app.post(
    "/api/v1/admin/refusal-reasons",
    {
      config: { action: "refusal_reason.manage" },
      schema: {
        tags: ["admin"],
        summary: "Thêm lý do không tiếp nhận",
        security,
        body: createRefusalReasonBody,
        response: { 201: refusalReasonView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.refusalReasons.createRefusalReason(request.actor, request.body)),
  );

  app.patch(
    "/api/v1/admin/refusal-reasons/:id",
    {
      config: { action: "refusal_reason.manage" },
      schema: {
        tags: ["admin"],
        summary: "Sửa lý do không tiếp nhận",
        security,
        params: serialIdParam,
        body: updateRefusalReasonBody,
        response: { 200: refusalReasonView, ...errors },
      },
    },
    async (request) =>
      services.refusalReasons.updateRefusalReason(request.actor, request.params.id, request.body),
  );

  app.get(
    "/api/v1/admin/audit",
    {
      config: { action: "audit.read" },
      schema: {
        tags: ["admin"],
        summary: "Nhật ký thay đổi (ai đã làm gì, khi nào)",
        security: [{ session: [] }],
        querystring: auditQuery,
        response: { 200: auditPage, 400: errorResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => services.audit.listAudit(request.actor, request.query),
  );
};
