/** Issue 19: mass events — the coordinator's screen, the desk's offer, the reports' figures. */
export const massEvents = {
  massEvents: {
    intro:
      "Khi nhiều người cùng hỏi về một sự việc (bão lũ, quy định mới, đợt tiêm chủng), khai báo sự kiện diện rộng: yêu cầu mới khớp tiêu đề, từ khoá và lĩnh vực được gắn với sự kiện ngay khi tiếp nhận; tin nhắn Zalo, Facebook, email nhận ngay câu trả lời soạn sẵn; tổng đài viên xác nhận trả lời bằng một thao tác.",
    declare: "Khai báo sự kiện",
    edit: "Sửa",
    editTitle: "Sửa sự kiện diện rộng",
    newTitle: "Khai báo sự kiện diện rộng",
    end: "Kết thúc",
    endConfirm:
      "Kết thúc sự kiện «{{title}}» ngay bây giờ? Yêu cầu mới sẽ không còn được gắn; số liệu được giữ lại cho báo cáo.",
    ended: "Đã kết thúc sự kiện",
    saved: "Đã lưu sự kiện",
    list: "Các sự kiện diện rộng",
    empty: "Chưa có sự kiện diện rộng nào",
    title: "Tiêu đề",
    keywords: "Từ khoá",
    keywordsHelp:
      "Các cụm từ người dân hay dùng, cách nhau bằng dấu phẩy hoặc xuống dòng (cả cách viết không dấu, từ địa phương). Yêu cầu chứa một cụm từ này được gắn với sự kiện.",
    answer: "Câu trả lời soạn sẵn",
    answerHelp:
      "Gửi ngay cho người hỏi qua Zalo, Facebook, email; tổng đài viên xác nhận làm câu trả lời của yêu cầu.",
    fields: "Lĩnh vực",
    window: "Thời gian diễn ra",
    starts: "Bắt đầu",
    ends: "Kết thúc",
    windowRequired: "Vui lòng chọn thời gian diễn ra",
    banner: "Hiện thông báo trên Cổng thông tin",
    emergencyNumbers: "Số khẩn cấp hiện kèm thông báo",
    emergency: {
      "113": "113 – Công an",
      "114": "114 – Cứu nạn, cứu hộ",
      "115": "115 – Cấp cứu",
    },
    state: "Trạng thái",
    states: { active: "Đang diễn ra", upcoming: "Sắp diễn ra", over: "Đã kết thúc" },
    linked: "Yêu cầu gắn",
    answered: "Đã trả lời bằng câu soạn sẵn",
    actions: "Thao tác",
    // The desk and the request page.
    panelTitle: "Sự kiện diện rộng",
    panelHint: "Yêu cầu này khớp sự kiện đang diễn ra. Kiểm tra nội dung rồi xác nhận câu trả lời soạn sẵn.",
    answerWith: "Trả lời bằng câu trả lời soạn sẵn",
    answeredAlready: "Đã trả lời bằng câu trả lời soạn sẵn của sự kiện này.",
    // The reports page.
    reportTitle: "Sự kiện diện rộng trong kỳ",
    reportEmpty: "Không có sự kiện diện rộng trong kỳ",
  },
};
