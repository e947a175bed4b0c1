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
import type { RouteOptions } from "../route-options.js";
import { staffRoute } from "../staff-route.js";

const tags = ["admin"];
const action = "user.manage";

/** Staff accounts, issued by the administrator (R-SE1, Art. 15.4). Password hashes never leave the server. */
export const adminUserRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/admin/users",
      action,
      tags,
      summary: "Danh sách tài khoản",
      querystring: userListQuery,
      response: { 200: listOf(userView) },
    },
    async ({ actor, query }) => ({ items: await services.users.listUsers(actor, query) }),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/admin/users/:id",
      action,
      tags,
      summary: "Một tài khoản",
      params: idParam,
      response: { 200: userView },
    },
    async ({ actor, params }) => services.users.getUser(actor, params.id),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/admin/users",
      action,
      tags,
      summary: "Cấp tài khoản",
      body: createUserBody,
      response: { 201: userView },
    },
    async ({ actor, body, reply }) => reply.status(201).send(await services.users.createUser(actor, body)),
  );

  staffRoute(
    app,
    {
      method: "PATCH",
      url: "/api/v1/admin/users/:id",
      action,
      tags,
      summary: "Sửa tài khoản (vai trò, cơ quan, khóa/mở: active)",
      params: idParam,
      body: updateUserBody,
      response: { 200: userView },
    },
    async ({ actor, params, body }) => services.users.updateUser(actor, params.id, body),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/admin/users/:id/password",
      action,
      tags,
      summary: "Đặt lại mật khẩu (bỏ trì hoãn đăng nhập, đăng xuất mọi phiên)",
      params: idParam,
      body: resetPasswordBody,
      response: { 204: z.null() },
    },
    async ({ actor, params, body, reply }) => {
      await services.users.resetPassword(actor, params.id, body.password);
      return reply.status(204).send(null);
    },
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/admin/users/:id/totp/reset",
      action,
      tags,
      summary: "Gỡ xác thực hai bước của người dùng mất điện thoại và mã khôi phục (đăng xuất mọi phiên)",
      params: idParam,
      response: { 204: z.null() },
    },
    async ({ actor, params, reply }) => {
      await services.users.resetSecondFactor(actor, params.id);
      return reply.status(204).send(null);
    },
  );
};
