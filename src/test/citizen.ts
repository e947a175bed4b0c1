/**
 * A valid portal submission (the public form's four required fields): the starting point of the
 * tests that change one field to something hostile and expect a clean 400.
 */
export const validSubmission = {
  fullName: "Nguyễn Văn An",
  phone: "0987654321",
  address: "Thôn 3, xã Quảng Phú",
  content: "Xin hỏi thủ tục nhận hỗ trợ cho lao động mất việc do dịch bệnh?",
};
