/** Issue 19: files of an answer (official letter, photos), public or internal. */
export const answerFiles = {
  answerFiles: {
    title: "Tệp đính kèm câu trả lời",
    label: "Tệp đính kèm (công văn PDF, ảnh JPG/PNG)",
    choose: "Chọn tệp",
    hint: "Tối đa 5 tệp, mỗi tệp không quá 5 MB. Tệp được kiểm tra theo nội dung như tệp người dân gửi.",
    visibility: "Chế độ của tệp sắp tải lên",
    public: "Công khai cùng câu trả lời",
    internal: "Nội bộ (không công khai)",
    pending: "Chờ gửi cùng câu trả lời",
    published: "Đã công khai",
    publicLink: "Đường dẫn công khai",
    uploadedBy: "{{name}} tải lên",
    download: "Tải tệp {{name}}",
    makeInternal: "Chuyển sang nội bộ",
    makePublic: "Chuyển sang công khai",
    checkTitle: "Tệp công khai cùng câu trả lời",
    checkHint:
      "Tệp không được che thông tin cá nhân tự động. Mở từng tệp, kiểm tra không còn thông tin cá nhân (hoặc đã tải lên bản đã che), rồi đánh dấu; hoặc chuyển tệp sang nội bộ.",
    checkAll: "Xác nhận đã kiểm tra từng tệp công khai, hoặc chuyển tệp sang nội bộ",
    noneToCheck: "Câu trả lời không có tệp công khai.",
  },
};
