/** What the detector finds (issue 13; Personal Data Protection Law 91/2025/QH15, Decree 13/2023). */
export const personalDataKinds = [
  "phone",
  "email",
  "national_id",
  "insurance_id",
  "plate",
  "address",
  "name",
] as const;
export type PersonalDataKind = (typeof personalDataKinds)[number];

/** One finding: a span [start, end) of the text given, in UTF-16 units like String#slice. */
export interface Hit {
  kind: PersonalDataKind;
  start: number;
  end: number;
  text: string;
  /** The requester's own detail: never accepted by a confirmation. */
  own?: boolean;
}

/** Vietnamese names of the kinds, for messages and the console. */
export const personalDataKindLabels: Record<PersonalDataKind, string> = {
  phone: "số điện thoại",
  email: "thư điện tử",
  national_id: "số giấy tờ tùy thân (CCCD, CMND, hộ chiếu)",
  insurance_id: "mã số BHXH / số thẻ BHYT",
  plate: "biển số xe",
  address: "địa chỉ nhà",
  name: "họ tên người",
};
