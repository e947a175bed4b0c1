import { z } from "zod";
import { isoInstant, pageFields, pageOf, roleSchema } from "./common.js";
import { emailInput, orEmpty, staffPhoneInput } from "./request-common.js";

/**
 * Directory and administration schemas (Art. 14.4, 15; R-SE1, R-KB2, R-IN2, R-IN4): users,
 * agencies, fields, refusal reasons and the audit log. Lists answer `{ items }`.
 */

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Vui lòng nhập ${label}`)
    .max(max, `${label[0]?.toUpperCase()}${label.slice(1)} quá dài`);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label[0]?.toUpperCase()}${label.slice(1)} quá dài`)
    .nullable()
    .optional()
    .transform((v) => (v === "" ? null : v));

/** An optional contact an administrator may clear: "" or null is none (stored as null). */
const orNone = <S extends z.ZodType<string, string>>(schema: S) =>
  orEmpty(schema)
    .nullable()
    .transform((v) => (v === "" ? null : v));

const email = orNone(emailInput);

/** Codes as the database CHECK allows them (fields, refusal reasons). */
const slugCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9_-]{1,40}$/, "Mã chỉ gồm chữ thường không dấu, số, '-' hoặc '_' (tối đa 40 ký tự)");

export const listQuery = z.object({
  includeInactive: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});

export const idParam = z.object({ id: z.uuid("Mã định danh không hợp lệ") });
export const serialIdParam = z.object({ id: z.coerce.number().int("Mã định danh không hợp lệ").positive() });

// ---------- Users (R-SE1) ----------

export const usernameInput = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, "Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, '.', '-' hoặc '_'");

/**
 * A new password's length (ASVS V6.2: at least 12, up to 128, any characters, no composition rules),
 * also checked by the console's form. The rest of the policy (common passwords, username, product
 * name) is the server's (domain/password-policy.ts), answered as 400 WEAK_PASSWORD.
 */
export const passwordInput = z
  .string()
  .min(12, "Mật khẩu phải có ít nhất 12 ký tự (có thể dùng cụm từ có dấu cách)")
  .max(128, "Mật khẩu quá dài (tối đa 128 ký tự)");

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  role: roleSchema,
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  lockedUntil: isoInstant.nullable(),
  lastLoginAt: isoInstant.nullable(),
  createdAt: isoInstant,
});
export type UserView = z.infer<typeof userView>;

export const userListQuery = listQuery.extend({
  role: roleSchema.optional(),
  agencyId: z.uuid("Mã cơ quan không hợp lệ").optional(),
});

export const createUserBody = z.object({
  username: usernameInput,
  password: passwordInput,
  fullName: text("họ và tên", 200),
  role: roleSchema,
  agencyId: z.uuid("Mã cơ quan không hợp lệ").nullable().optional(),
  /** A staff member's phone: the rule of a phone staff type (`staffPhoneInput`), fullwidth digits read as ASCII. */
  phone: orNone(staffPhoneInput),
  email,
});
export type CreateUserBody = z.infer<typeof createUserBody>;

/** Any of a user's own fields (the sign-in name and the password have their own ways), and active. */
export const updateUserBody = createUserBody
  .omit({ username: true, password: true })
  .partial()
  .extend({ active: z.boolean().optional() });
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const resetPasswordBody = z.object({ password: passwordInput });

// ---------- Agencies (R-KB2, Art. 10.1, 10.4, 14.4) ----------

export const agencyKindSchema = z.enum(["department", "commune", "other"]);

/** A registered hotline number the operator transfers calls to: digits, optional leading +. */
export const hotlineNumberInput = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s.-]/g, ""))
  .pipe(z.string().regex(/^\+?\d{3,15}$/, "Số đường dây nóng không hợp lệ"));

export const agencyView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: agencyKindSchema,
  hotlineNumbers: z.array(z.string()),
  email: z.string().nullable(),
  isCoordinator: z.boolean(),
  active: z.boolean(),
  /** The agency's focal points (cán bộ đầu mối): users with that role in the agency. */
  focalPoints: z.array(
    z.object({
      id: z.string(),
      fullName: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    }),
  ),
});
export type AgencyView = z.infer<typeof agencyView>;

export const agencyListQuery = listQuery.extend({
  kind: agencyKindSchema.optional(),
  q: z.string().trim().max(100).optional(),
});

export const agencyCodeInput = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, "Mã cơ quan chỉ gồm chữ không dấu, số, '-' hoặc '_' (tối đa 40 ký tự)");

export const createAgencyBody = z.object({
  code: agencyCodeInput,
  name: text("tên cơ quan", 300),
  kind: agencyKindSchema,
  hotlineNumbers: z.array(hotlineNumberInput).max(10, "Tối đa 10 số đường dây nóng").default([]),
  email,
  isCoordinator: z.boolean().default(false),
});
export type CreateAgencyBody = z.infer<typeof createAgencyBody>;

export const updateAgencyBody = z.object({
  code: agencyCodeInput.optional(),
  name: text("tên cơ quan", 300).optional(),
  kind: agencyKindSchema.optional(),
  hotlineNumbers: z.array(hotlineNumberInput).max(10, "Tối đa 10 số đường dây nóng").optional(),
  email,
  isCoordinator: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type UpdateAgencyBody = z.infer<typeof updateAgencyBody>;

// ---------- Fields (R-IN2, Art. 5) ----------

export const fieldView = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type FieldView = z.infer<typeof fieldView>;

/** What the public portal shows in its field list. */
export const publicFieldView = fieldView.pick({ code: true, name: true, description: true });

export const createFieldBody = z.object({
  code: slugCode,
  name: text("tên lĩnh vực", 300),
  description: optionalText("mô tả", 2000),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});
export type CreateFieldBody = z.infer<typeof createFieldBody>;

export const updateFieldBody = createFieldBody.partial().extend({ active: z.boolean().optional() });
export type UpdateFieldBody = z.infer<typeof updateFieldBody>;

// ---------- Refusal reasons (R-IN4, Art. 9.2) ----------

export const refusalReasonView = z.object({
  id: z.number().int(),
  code: z.string(),
  text: z.string(),
  active: z.boolean(),
});
export type RefusalReasonView = z.infer<typeof refusalReasonView>;

export const createRefusalReasonBody = z.object({ code: slugCode, text: text("lý do", 500) });
export type CreateRefusalReasonBody = z.infer<typeof createRefusalReasonBody>;

export const updateRefusalReasonBody = createRefusalReasonBody
  .partial()
  .extend({ active: z.boolean().optional() });
export type UpdateRefusalReasonBody = z.infer<typeof updateRefusalReasonBody>;

// ---------- Audit log (R-SE2, R-KB2) ----------

export const auditQuery = z.object({
  entity: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(100).optional(),
  ...pageFields(50),
});

export const auditEntryView = z.object({
  id: z.number().int(),
  at: isoInstant,
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  entity: z.string(),
  entityId: z.string(),
  kind: z.string(),
  /** The request's code (1022-…) when the entry is about a request still kept; null otherwise. */
  requestCode: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditPage = pageOf(auditEntryView);
