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
import type { RouteOptions } from "../route-options.js";
import { staffRoute } from "../staff-route.js";

const tags = ["admin"];

/** Administration of agencies, fields and refusal reasons, and the audit log (Art. 15; R-KB2, R-SE2). */
export const adminRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/admin/agencies",
      action: "agency.manage",
      tags,
      summary: "Thêm cơ quan",
      body: createAgencyBody,
      response: { 201: agencyView },
    },
    async ({ actor, body, reply }) =>
      reply.status(201).send(await services.agencies.createAgency(actor, body)),
  );

  staffRoute(
    app,
    {
      method: "PATCH",
      url: "/api/v1/admin/agencies/:id",
      action: "agency.manage",
      tags,
      summary: "Sửa cơ quan (số đường dây nóng, điều phối, ngừng hoạt động)",
      params: idParam,
      body: updateAgencyBody,
      response: { 200: agencyView },
    },
    async ({ actor, params, body }) => services.agencies.updateAgency(actor, params.id, body),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/admin/fields",
      action: "field.manage",
      tags,
      summary: "Thêm lĩnh vực",
      body: createFieldBody,
      response: { 201: fieldView },
    },
    async ({ actor, body, reply }) => reply.status(201).send(await services.fields.createField(actor, body)),
  );

  staffRoute(
    app,
    {
      method: "PATCH",
      url: "/api/v1/admin/fields/:id",
      action: "field.manage",
      tags,
      summary: "Sửa lĩnh vực",
      params: serialIdParam,
      body: updateFieldBody,
      response: { 200: fieldView },
    },
    async ({ actor, params, body }) => services.fields.updateField(actor, params.id, body),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/admin/refusal-reasons",
      action: "refusal_reason.manage",
      tags,
      summary: "Thêm lý do không tiếp nhận",
      body: createRefusalReasonBody,
      response: { 201: refusalReasonView },
    },
    async ({ actor, body, reply }) =>
      reply.status(201).send(await services.refusalReasons.createRefusalReason(actor, body)),
  );

  staffRoute(
    app,
    {
      method: "PATCH",
      url: "/api/v1/admin/refusal-reasons/:id",
      action: "refusal_reason.manage",
      tags,
      summary: "Sửa lý do không tiếp nhận",
      params: serialIdParam,
      body: updateRefusalReasonBody,
      response: { 200: refusalReasonView },
    },
    async ({ actor, params, body }) => services.refusalReasons.updateRefusalReason(actor, params.id, body),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/admin/audit",
      action: "audit.read",
      tags,
      summary: "Nhật ký thay đổi (ai đã làm gì, khi nào)",
      querystring: auditQuery,
      response: { 200: auditPage },
    },
    async ({ actor, query }) => services.audit.listAudit(actor, query),
  );
};
