import type { FormItemProps } from "antd";
import { createRequestBody, requesterInput } from "../../../shared/schemas/request-input.js";
import { zodRule } from "./zodRule.js";

type Rule = NonNullable<FormItemProps["rules"]>[number];
type RequesterField = "fullName" | "phone" | "address" | "email";

/**
 * What the desk and the correction dialog check before saving a requester's details: the server's
 * own rules (`requesterInput`) — the lengths, an email in the shape the portal asks of citizens (so
 * answers sent by email reach someone) and a phone of digits and the usual separators, "" allowed.
 * Without them a too-long name came back as a bare «Dữ liệu không hợp lệ.», and an email without
 * «@» either stopped the desk with the browser's own (English) bubble or was saved by Ctrl+Enter.
 */
export const requesterRules: Record<RequesterField, Rule[]> = {
  fullName: [zodRule(requesterInput.shape.fullName)],
  address: [zodRule(requesterInput.shape.address)],
  phone: [zodRule(requesterInput.shape.phone)],
  email: [zodRule(requesterInput.shape.email)],
};

/** The request's content: required («Vui lòng nhập nội dung yêu cầu») and at most what the server takes. */
export const contentRules: Rule[] = [zodRule(createRequestBody.shape.content)];
