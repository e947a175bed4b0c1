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
import { type StaffRoutes, staffPlugin } from "../staff-route.js";

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
>(route: StaffRoutes, { url, action, idParam, view, create, update }: Catalogue<I, C, U, V>): void {
  route.post(
    url,
    action,
    create.summary,
    { body: create.body, response: { 201: view } },
    // reply.send (with the 201 staffRoute set): as below, a generic view's success type does not resolve.
    async ({ actor, body, reply }) => reply.send(await create.run(actor, body)),
  );
  route.patch(
    `${url}/:id`,
    action,
    update.summary,
    { params: idParam, body: update.body, response: view },
    // reply.send: the success type of a generic view does not resolve inside staffRoute's handler type.
    async ({ actor, params, body, reply }) => reply.send(await update.run(actor, params.id, body)),
  );
}

/** Administration of agencies, fields and refusal reasons, and the audit log (Art. 15; R-KB2, R-SE2). */
export const adminRoutes = staffPlugin(["admin"], (route, { services }) => {
  const { agencies, fields, refusalReasons } = services;

  catalogueRoutes(route, {
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

  catalogueRoutes(route, {
    url: "/api/v1/admin/fields",
    action: "field.manage",
    idParam: serialIdParam,
    view: fieldView,
    create: { summary: "Thêm lĩnh vực", body: createFieldBody, run: fields.createField },
    update: { summary: "Sửa lĩnh vực", body: updateFieldBody, run: fields.updateField },
  });

  catalogueRoutes(route, {
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

  route.get(
    "/api/v1/admin/audit",
    "audit.read",
    "Nhật ký thay đổi (ai đã làm gì, khi nào)",
    { query: auditQuery, response: auditPage },
    async ({ actor, query }) => services.audit.listAudit(actor, query),
  );

  route.get(
    "/api/v1/admin/access-log",
    "access_log.read",
    "Nhật ký truy cập dữ liệu cá nhân (ai xem, tải, trích xuất, hiện liên hệ; khi nào; từ đâu)",
    { query: accessLogQuery, response: accessLogPage },
    async ({ actor, query }) => services.accessLog.listAccessLog(actor, query),
  );
});
