import type { FormItemProps } from "antd";
import { z } from "zod";
import { emailInput, staffPhoneInput } from "../../../shared/schemas/request-common.js";
import { createRequestBody, requesterInput } from "../../../shared/schemas/request-input.js";
import { zodRule } from "./zodRule.js";

type Rule = NonNullable<FormItemProps["rules"]>[number];
type RequesterField = "fullName" | "phone" | "address" | "email";

/** An optional text the staff may leave empty: its schema, with "" (a cleared input) allowed. */
const orEmpty = (schema: z.ZodType<unknown, string>) =>
  z
    .string()
    .trim()
    .pipe(z.union([z.literal(""), schema]))
    .optional();

/**
 * What the desk and the correction dialog check before saving a requester's details: the lengths
 * the server takes (`requesterInput`), and — in the console only, the API stays as open as channel
 * adapters need — an email in the shape the portal asks of citizens (`emailInput`, so answers sent
 * by email reach someone) and a phone of digits and the usual separators (`staffPhoneInput`).
 * Without them a too-long name came back as a bare «Dữ liệu không hợp lệ.», and an email without
 * «@» either stopped the desk with the browser's own (English) bubble or was saved by Ctrl+Enter.
 */
export const requesterRules: Record<RequesterField, Rule[]> = {
  fullName: [zodRule(requesterInput.shape.fullName)],
  address: [zodRule(requesterInput.shape.address)],
  phone: [zodRule(orEmpty(staffPhoneInput))],
  email: [zodRule(orEmpty(emailInput))],
};

/** The request's content: required («Vui lòng nhập nội dung yêu cầu») and at most what the server takes. */
export const contentRules: Rule[] = [zodRule(createRequestBody.shape.content)];
