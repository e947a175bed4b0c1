import { z } from "zod";
import { actionSchema, roleSchema } from "./common.js";

export const loginBody = z.object({
  username: z.string().trim().min(1, "Vui lòng nhập tên đăng nhập").max(100),
  password: z.string().min(1, "Vui lòng nhập mật khẩu").max(200),
});

export const meResponse = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    role: roleSchema,
    agencyId: z.string().nullable(),
  }),
  csrfToken: z.string(),
  /** What the caller may do, from the server's permission table (the console never copies rules). */
  abilities: z.array(actionSchema),
});
export type MeResponse = z.infer<typeof meResponse>;
