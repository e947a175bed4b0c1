import { z } from "zod";
import { labelledValues } from "./labels.js";

/**
 * Personal data the publication guard finds in public text (issue 13; Art. 12 of the regulation,
 * R-PU1; Personal Data Protection Law 91/2025/QH15). Shared by the detector, the API schemas and
 * the console. The kinds are the keys of their Vietnamese names (for messages and the console).
 */
export const personalDataKindLabels = {
  phone: "số điện thoại",
  email: "thư điện tử",
  national_id: "số giấy tờ tuỳ thân (CCCD, CMND, hộ chiếu)",
  insurance_id: "mã số BHXH / số thẻ BHYT",
  plate: "biển số xe",
  address: "địa chỉ nhà",
  name: "họ tên người",
};
export const personalDataKinds = labelledValues(personalDataKindLabels);
export type PersonalDataKind = (typeof personalDataKinds)[number];

/**
 * A finding the publisher confirms is not personal data (a hospital's name, an official's title),
 * sent back with the publication; recorded in the event with who confirmed it. Matched by kind
 * and text (and field when given), so an edit elsewhere in the text keeps the confirmation.
 */
export const confirmedHitSchema = z.object({
  field: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(personalDataKinds),
  text: z.string().trim().min(1).max(500),
});
export type ConfirmedHit = z.infer<typeof confirmedHitSchema>;

export const confirmedNotPersonalSchema = z.array(confirmedHitSchema).max(100);
