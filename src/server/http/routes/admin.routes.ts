import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { Action, Actor } from "../../../shared/permissions.js";
import { accessLogPage, accessLogQuery } from "../../../shared/schemas/access-log.js";
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
import { staffRoute, type ZodApp } from "../staff-route.js";

const tags = ["admin"];

/** One administered catalogue (agencies, fields, refusal reasons): what its two routes need. */
interface Catalogue<
  I extends z.ZodType<{ id: unknown }>,
  C extends z.ZodType,
  U extends z.ZodType,
  V extends z.ZodType,
> {
  /** The collection, e.g. /api/v1/admin/fields; an entry is `${url}/:id`. */
  url: string;
  action: Action;
  idParam: I;
  view: V;
  create: { summary: string; body: C; run: (actor: Actor, body: z.output<C>) => Promise<z.output<V>> };
  update: {
    summary: string;
    body: U;
    run: (actor: Actor, id: z.output<I>["id"], body: z.output<U>) => Promise<z.output<V>>;
  };
}

/** POST `url` (201 with the new entry) and PATCH `url/:id` (200 with the entry) of a catalogue. */
function catalogueRoutes<
  I extends z.ZodType<{ id: unknown }>,
  C extends z.ZodType,
  U extends z.ZodType,
  V extends z.ZodType,
>(app: ZodApp, { url, action, idParam, view, create, update }: Catalogue<I, C, U, V>): void {
  staffRoute(
    app,
    {
      method: "POST",
      url,
      action,
      tags,
      summary: create.summary,
      body: create.body,
      response: { 201: view },
    },
    async ({ actor, body, reply }) => reply.status(201).send(await create.run(actor, body)),
  );
  staffRoute(
    app,
    {
      method: "PATCH",
      url: `${url}/:id`,
      action,
      tags,
      summary: update.summary,
      params: idParam,
      body: update.body,
      response: { 200: view },
    },
    // reply.send: the success type of a generic view does not resolve inside staffRoute's handler type.
    async ({ actor, params, body, reply }) => reply.send(await update.run(actor, params.id, body)),
  );
}

/** Administration of agencies, fields and refusal reasons, and the audit log (Art. 15; R-KB2, R-SE2). */
export const adminRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const { agencies, fields, refusalReasons } = services;

  catalogueRoutes(app, {
    url: "/api/v1/admin/agencies",
    action: "agency.manage",
    idParam,
    view: agencyView,
    create: { summary: "Thêm cơ quan", body: createAgencyBody, run: agencies.createAgency },
    update: {
      summary: "Sửa cơ quan (số đường dây nóng, điều phối, ngừng hoạt động)",
      body: updateAgencyBody,
      run: agencies.updateAgency,
    },
  });

  catalogueRoutes(app, {
    url: "/api/v1/admin/fields",
    action: "field.manage",
    idParam: serialIdParam,
    view: fieldView,
    create: { summary: "Thêm lĩnh vực", body: createFieldBody, run: fields.createField },
    update: { summary: "Sửa lĩnh vực", body: updateFieldBody, run: fields.updateField },
  });

  catalogueRoutes(app, {
    url: "/api/v1/admin/refusal-reasons",
    action: "refusal_reason.manage",
    idParam: serialIdParam,
    view: refusalReasonView,
    create: {
      summary: "Thêm lý do không tiếp nhận",
      body: createRefusalReasonBody,
      run: refusalReasons.createRefusalReason,
    },
    update: {
      summary: "Sửa lý do không tiếp nhận",
      body: updateRefusalReasonBody,
      run: refusalReasons.updateRefusalReason,
    },
  });

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

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/admin/access-log",
      action: "access_log.read",
      tags,
      summary: "Nhật ký truy cập dữ liệu cá nhân (ai xem, tải, trích xuất, hiện liên hệ; khi nào; từ đâu)",
      querystring: accessLogQuery,
      response: { 200: accessLogPage },
    },
    async ({ actor, query }) => services.accessLog.listAccessLog(actor, query),
  );
};
