/**
 * The channels citizens can use (Art. 4). Shown on every portal page so a worried caller who was
 * told to "look on the portal" (Art. 10.2) also finds every other way in.
 */
export const channels = {
  hotline: { number: "1022", note: "Gọi nội tỉnh từ máy cố định" },
  mobile: { number: "0237 1022", tel: "02371022", note: "Gọi từ điện thoại di động hoặc ngoại tỉnh" },
  portal: { url: "https://1022.thanhhoa.gov.vn", label: "1022.thanhhoa.gov.vn" },
  email: "1022@thanhhoa.gov.vn",
  /** Art. 4.4 names the Official Account, not an address: citizens search for it in Zalo. */
  zalo: { label: "1022 Thanh Hóa" },
  facebook: { url: "https://facebook.com/1022.thanhhoa.gov.vn", label: "facebook.com/1022.thanhhoa.gov.vn" },
} as const;

export const siteName = "Tổng đài 1022 Thanh Hóa";
