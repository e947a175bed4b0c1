import { z } from "zod";
import {
  createUserBody,
  idParam,
  resetPasswordBody,
  updateUserBody,
  userListQuery,
  userView,
} from "../../../shared/schemas/admin.js";
import { listOf } from "../../../shared/schemas/common.js";
import { staffPlugin } from "../staff-route.js";

const action = "user.manage";

/** Staff accounts, issued by the administrator (R-SE1, Art. 15.4). Password hashes never leave the server. */
export const adminUserRoutes = staffPlugin(["admin"], (route, { services }) => {
  route.get(
    "/api/v1/admin/users",
    action,
    "Danh sách tài khoản",
    { query: userListQuery, response: listOf(userView) },
    async ({ actor, query }) => ({ items: await services.users.listUsers(actor, query) }),
  );

  route.get(
    "/api/v1/admin/users/:id",
    action,
    "Một tài khoản",
    { params: idParam, response: userView },
    async ({ actor, params }) => services.users.getUser(actor, params.id),
  );

  route.post(
    "/api/v1/admin/users",
    action,
    "Cấp tài khoản",
    { body: createUserBody, response: { 201: userView } },
    async ({ actor, body }) => services.users.createUser(actor, body),
  );

  route.patch(
    "/api/v1/admin/users/:id",
    action,
    "Sửa tài khoản (vai trò, cơ quan, khoá/mở: active)",
    { params: idParam, body: updateUserBody, response: userView },
    async ({ actor, params, body }) => services.users.updateUser(actor, params.id, body),
  );

  route.post(
    "/api/v1/admin/users/:id/password",
    action,
    "Đặt lại mật khẩu (bỏ trì hoãn đăng nhập, đăng xuất mọi phiên)",
    { params: idParam, body: resetPasswordBody, response: { 204: z.null() } },
    async ({ actor, params, body }) => services.users.resetPassword(actor, params.id, body.password),
  );

  route.post(
    "/api/v1/admin/users/:id/totp/reset",
    action,
    "Gỡ xác thực hai bước của người dùng mất điện thoại và mã khôi phục (đăng xuất mọi phiên)",
    { params: idParam, response: { 204: z.null() } },
    async ({ actor, params }) => services.users.resetSecondFactor(actor, params.id),
  );
});
