import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createUserBody,
  idParam,
  listOf,
  resetPasswordBody,
  updateUserBody,
  userListQuery,
  userView,
} from "../../../shared/schemas/admin.js";
import { staffErrors, staffWriteSecurity } from "../../../shared/schemas/common.js";
import type { RouteOptions } from "../route-options.js";

const errors = staffErrors;
const security = staffWriteSecurity;

/** Staff accounts, issued by the administrator (R-SE1, Art. 15.4). Password hashes never leave the server. */
export const adminUserRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    "/api/v1/admin/users",
    {
      config: { action: "user.manage" },
      schema: {
        tags: ["admin"],
        summary: "Danh sách tài khoản",
        security: [{ session: [] }],
        querystring: userListQuery,
        response: { 200: listOf(userView), ...errors },
      },
    },
    async (request) => ({ items: await services.users.listUsers(request.actor, request.query) }),
  );

  app.get(
    "/api/v1/admin/users/:id",
    {
      config: { action: "user.manage" },
      schema: {
        tags: ["admin"],
        summary: "Một tài khoản",
        security: [{ session: [] }],
        params: idParam,
        response: { 200: userView, ...errors },
      },
    },
    async (request) => services.users.getUser(request.actor, request.params.id),
  );

  app.post(
    "/api/v1/admin/users",
    {
      config: { action: "user.manage" },
      schema: {
        tags: ["admin"],
        summary: "Cấp tài khoản",
        security,
        body: createUserBody,
        response: { 201: userView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.users.createUser(request.actor, request.body)),
  );

  app.patch(
    "/api/v1/admin/users/:id",
    {
      config: { action: "user.manage" },
      schema: {
        tags: ["admin"],
        summary: "Sửa tài khoản (vai trò, cơ quan, khóa/mở: active)",
        security,
        params: idParam,
        body: updateUserBody,
        response: { 200: userView, ...errors },
      },
    },
    async (request) => services.users.updateUser(request.actor, request.params.id, request.body),
  );

  app.post(
    "/api/v1/admin/users/:id/password",
    {
      config: { action: "user.manage" },
      schema: {
        tags: ["admin"],
        summary: "Đặt lại mật khẩu (mở khóa, đăng xuất mọi phiên)",
        security,
        params: idParam,
        body: resetPasswordBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await services.users.resetPassword(request.actor, request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  );
};
