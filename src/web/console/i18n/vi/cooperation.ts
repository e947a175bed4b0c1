/** Several agencies on one request, and routing suggestions (issue 19). */
export const cooperation = {
  cooperation: {
    cooperatingAgencies: "Cơ quan phối hợp",
    cooperatingHint: "Mỗi cơ quan phối hợp nhận phiếu riêng và có thời hạn trả lời riêng (8 giờ làm việc).",
    agencyIds: "Đề nghị cơ quan phối hợp",
    agencyIdsRequired: "Vui lòng chọn ít nhất một cơ quan phối hợp",
    contribution: "Ý kiến phối hợp gửi cơ quan chủ trì",
    role: { lead: "Chủ trì", cooperating: "Phối hợp" },
    contributions: "Ý kiến của cơ quan phối hợp",
    onTime: "Đúng hạn",
    late: "Quá hạn",
    waiting: "Chưa có ý kiến: {{agencies}}",
    heldUp: "Phiếu chuyển đang chậm hoặc sắp đến hạn",
    request: "Yêu cầu",
    suggestions: "Gợi ý cơ quan xử lý",
    suggestionsEmpty: "Chưa đủ dữ liệu để gợi ý.",
    choose: "Chọn",
    places: "Địa bàn nêu trong yêu cầu: {{places}}",
  },
};
