import { z } from "zod";
import { type CompletenessIssue, completenessIssues, completenessLabels } from "../completeness.js";
import { channels, requestActions, requestStatuses } from "../request-status.js";

/** The enums and contact inputs that the public, staff-input and staff-view request schemas share. */

export const statusSchema = z.enum(requestStatuses);
export const requestActionSchema = z.enum(requestActions);
export const channelSchema = z.enum(channels);
export const urgencySchema = z.enum(["normal", "urgent"]);
export const transferAttemptSchema = z.enum(["connected", "failed", "not_attempted"]);

/**
 * A phone as typed, in its compatibility form (NFKC, as `normalizePhone`): fullwidth digits, plus
 * sign and spaces (an IME, a pasted document) are the same characters as ASCII ones. Both phone
 * schemas below start from it.
 */
const phoneText = z.string().overwrite((phone) => phone.normalize("NFKC"));

/** Vietnamese phone numbers: 0xxxxxxxxx, +84xxxxxxxxx, 84xxxxxxxxx, spaces/dots/dashes allowed; 1022-style short numbers excluded. */
export const phoneInput = phoneText
  .trim()
  .min(1, "Vui lòng nhập số điện thoại")
  .max(20, "Số điện thoại quá dài")
  .regex(
    /^(\+?84|0)[\s.-]?[1-9](?:[\s.-]?\d){7,9}$/,
    "Số điện thoại không hợp lệ (ví dụ 0912 345 678 hoặc +84 912 345 678)",
  );

/**
 * A phone as staff type it from a caller (the desk, a correction): digits and the usual separators,
 * a leading +, at least three digits — looser than `phoneInput`, since a caller may give a landline,
 * a short number or a foreign one. The console and the staff API check it (`requesterInput`, a staff
 * account's phone); channel adapters record what a channel gives without these schemas.
 */
export const staffPhoneInput = phoneText
  .max(30, "Số điện thoại quá dài")
  .regex(/^\+?[\d\s.()-]+$/, "Số điện thoại chỉ gồm chữ số (ví dụ 0912 345 678)")
  .regex(/(?:\d\D*){3}/, "Số điện thoại không hợp lệ");

export const emailInput = z.email("Địa chỉ thư điện tử không hợp lệ").max(200, "Địa chỉ thư điện tử quá dài");

/**
 * An optional text staff may leave empty: its schema, with "" (a cleared input) allowed. "" means
 * "no value": stored as none at intake, and a correction with "" clears the stored value.
 */
export const orEmpty = <S extends z.ZodType<string, string>>(schema: S) =>
  z
    .string()
    .trim()
    .pipe(z.union([z.literal(""), schema]))
    .optional();

/** Art. 7 problems the operator should ask about (R-IN3); staff may still save the request. */
export const completenessIssueSchema = z.enum(completenessIssues);
export type { CompletenessIssue };
export { completenessLabels };
