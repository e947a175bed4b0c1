/**
 * Hand-written routing cases (issue 19), in the way people write to the hotline: no text copied from
 * any dataset. `history` is the earlier forwarding the suggestions learn from; `cases` are new
 * requests with the agency a coordinator would pick (agency codes of db/seed/thanh-hoa.agencies.json;
 * commune People's Committees by their 2025 GSO code). Places appear under their current names,
 * under names before the 2025 merger, with or without diacritics, and sometimes only in the address.
 */
export interface RoutingCase {
  text: string;
  field: string;
  address?: string;
  agency: string;
}

// Commune codes used below (2025 units): 14797 Phường Hạc Thành, 14812 Phường Bỉm Sơn,
// 16654 Phường Nghi Sơn, 16033 Xã Đông Thành, 16438 Xã Lưu Vệ, 15835 Xã Thiệu Trung,
// 15505 Xã Thọ Long, 16228 Xã Như Thanh, 15127 Xã Cẩm Thủy, 16549 Xã Tiên Trang.
export const history: RoutingCase[] = [
  // Health: the Department of Health.
  {
    text: "Cho hỏi lịch tiêm vắc xin sởi cho bé 9 tháng",
    field: "y-te-xet-nghiem-tiem-phong",
    agency: "SYT",
  },
  {
    text: "Bệnh viện huyện không nhận thẻ BHYT trái tuyến",
    field: "y-te-xet-nghiem-tiem-phong",
    agency: "SYT",
  },
  {
    text: "Xét nghiệm sốt xuất huyết ở đâu có kết quả nhanh",
    field: "y-te-xet-nghiem-tiem-phong",
    agency: "SYT",
  },
  {
    text: "Trạm y tế phường Hạc Thành đóng cửa giờ hành chính",
    field: "y-te-xet-nghiem-tiem-phong",
    agency: "SYT",
  },
  {
    text: "Mẹ tôi cần xe cấp cứu đưa lên tuyến tỉnh thì gọi số nào",
    field: "y-te-xet-nghiem-tiem-phong",
    agency: "SYT",
  },
  {
    text: "Nhà thuốc bán thuốc kháng sinh không cần đơn",
    field: "y-te-xet-nghiem-tiem-phong",
    agency: "SYT",
  },
  { text: "Có ổ dịch tay chân miệng ở trường mầm non xã Lưu Vệ", field: "dich-te-cach-ly", agency: "SYT" },
  { text: "Người từ vùng dịch về có phải cách ly không", field: "dich-te-cach-ly", agency: "SYT" },
  { text: "Hàng xóm sốt cao nghi cúm A không đi khám", field: "dich-te-cach-ly", agency: "16438" },
  { text: "Khu trọ công nhân ở Nghi Sơn nhiều người bị sốt", field: "dich-te-cach-ly", agency: "SYT" },
  { text: "Văn bản mới nhất của tỉnh về phòng chống dịch", field: "tinh-hinh-dich", agency: "SYT" },
  { text: "Tỉnh đã công bố hết dịch cúm gia cầm chưa", field: "tinh-hinh-dich", agency: "SNNMT" },
  { text: "Tình hình dịch tả lợn châu Phi ở huyện Thọ Xuân", field: "tinh-hinh-dich", agency: "SNNMT" },
  // Social policy: the Department of Home Affairs (former Labour department), communes for local lists.
  { text: "Hồ sơ trợ cấp người khuyết tật nộp ở đâu", field: "an-sinh-xa-hoi", agency: "SNV" },
  { text: "Mức hưởng trợ cấp thất nghiệp năm nay là bao nhiêu", field: "an-sinh-xa-hoi", agency: "SNV" },
  {
    text: "Nhà tôi thuộc hộ cận nghèo ở xã Đông Thành nhưng chưa có tên trong danh sách",
    field: "an-sinh-xa-hoi",
    agency: "16033",
  },
  { text: "Xã Cầu Lộc cũ bình xét hộ nghèo không công khai", field: "an-sinh-xa-hoi", agency: "16033" },
  { text: "Chế độ cho người có công với cách mạng khi mất", field: "an-sinh-xa-hoi", agency: "SNV" },
  {
    text: "Ông tôi 80 tuổi ở xã Thiệu Trung chưa nhận trợ cấp tuổi cao",
    field: "an-sinh-xa-hoi",
    agency: "15835",
  },
  { text: "Đóng bảo hiểm xã hội tự nguyện thế nào", field: "an-sinh-xa-hoi", agency: "BHXH" },
  { text: "Lương hưu tháng này chậm chưa về", field: "an-sinh-xa-hoi", agency: "BHXH" },
  // Humanitarian support: the Red Cross, communes for local households.
  { text: "Muốn quyên góp quần áo cho vùng lũ thì gửi đâu", field: "ho-tro-nhan-dao", agency: "HCTD" },
  { text: "Hiến máu nhân đạo đợt tới tổ chức ở đâu", field: "ho-tro-nhan-dao", agency: "HCTD" },
  { text: "Gia đình bị cháy nhà ở xã Như Thanh cần hỗ trợ gấp", field: "ho-tro-nhan-dao", agency: "16228" },
  {
    text: "Nhà bị tốc mái sau bão ở Bến Sung chưa ai đến hỏi thăm",
    field: "ho-tro-nhan-dao",
    agency: "16228",
  },
  // Traffic, trade, order.
  {
    text: "Xe tải chở quá tải làm hỏng đường liên xã",
    field: "giao-thong-thuong-mai-an-ninh",
    agency: "SXD",
  },
  {
    text: "Đèn tín hiệu ngã tư quốc lộ 1A hỏng mấy hôm",
    field: "giao-thong-thuong-mai-an-ninh",
    agency: "SXD",
  },
  {
    text: "Xe khách dừng đón khách sai quy định trên đại lộ",
    field: "giao-thong-thuong-mai-an-ninh",
    agency: "SXD",
  },
  { text: "Tuyến xe buýt số 2 bỏ chuyến buổi tối", field: "giao-thong-thuong-mai-an-ninh", agency: "SXD" },
  {
    text: "Nhóm thanh niên tụ tập đua xe lúc nửa đêm",
    field: "giao-thong-thuong-mai-an-ninh",
    agency: "CAT",
  },
  {
    text: "Có đối tượng lạ trộm chó ban đêm ở xã Thọ Long",
    field: "giao-thong-thuong-mai-an-ninh",
    agency: "15505",
  },
  {
    text: "Chợ phường Bỉm Sơn lấn chiếm lòng đường",
    field: "giao-thong-thuong-mai-an-ninh",
    agency: "14812",
  },
  {
    text: "Chợ Ba Đình cũ ở Bỉm Sơn bán hàng tràn ra đường",
    field: "giao-thong-thuong-mai-an-ninh",
    agency: "14812",
  },
  { text: "Cửa hàng xăng dầu treo biển hết xăng", field: "giao-thong-thuong-mai-an-ninh", agency: "SCT" },
  // Complaints, prices, fraud.
  { text: "Bị gọi điện giả danh công an lừa chuyển tiền", field: "phan-anh-vi-pham", agency: "CAT" },
  { text: "Tin nhắn trúng thưởng yêu cầu nộp phí nhận quà", field: "phan-anh-vi-pham", agency: "CAT" },
  { text: "Quán ăn ở phường Hạc Thành xả nước thải ra cống", field: "phan-anh-vi-pham", agency: "14797" },
  { text: "Karaoke phường Điện Biên hát sau 12 giờ đêm", field: "phan-anh-vi-pham", agency: "14797" },
  { text: "Bãi rác tự phát ven đường xã Tiên Trang", field: "phan-anh-vi-pham", agency: "16549" },
  { text: "Đốt rơm rạ khói mù mịt ở xã Cẩm Thủy", field: "phan-anh-vi-pham", agency: "15127" },
  { text: "Giá phân bón tăng bất thường", field: "phan-anh-vi-pham", agency: "SCT" },
  { text: "Cửa hàng bán thực phẩm hết hạn", field: "phan-anh-vi-pham", agency: "SCT" },
  { text: "Doanh nghiệp xả khói bụi khu kinh tế Nghi Sơn", field: "phan-anh-vi-pham", agency: "SNNMT" },
  // Information.
  {
    text: "Trên mạng đồn tỉnh sắp phong tỏa có đúng không",
    field: "thong-tin-tuyen-truyen",
    agency: "SKHCN",
  },
  { text: "Trang Facebook giả mạo UBND tỉnh", field: "thong-tin-tuyen-truyen", agency: "SKHCN" },
  {
    text: "Loa phát thanh xã Lưu Vệ hỏng không nghe được thông báo",
    field: "thong-tin-tuyen-truyen",
    agency: "16438",
  },
  { text: "Sóng điện thoại yếu ở thôn vùng cao", field: "thong-tin-tuyen-truyen", agency: "SKHCN" },
  // Other.
  { text: "Thủ tục cấp lại giấy chứng nhận quyền sử dụng đất bị mất", field: "khac", agency: "SNNMT" },
  { text: "Tranh chấp ranh giới đất với hàng xóm ở xã Thọ Long", field: "khac", agency: "15505" },
  { text: "Hỏi thủ tục chuyển trường cho con sang học kỳ hai", field: "khac", agency: "SGDDT" },
  { text: "Trường thu tiền học thêm ngoài quy định", field: "khac", agency: "SGDDT" },
];

export const cases: RoutingCase[] = [
  // Health questions go to the Department whatever place they name.
  {
    text: "Tiêm phòng dại cho người bị chó cắn ở đâu gần nhất",
    field: "y-te-xet-nghiem-tiem-phong",
    agency: "SYT",
  },
  {
    text: "Bệnh viện đa khoa thu thêm tiền ngoài viện phí",
    field: "y-te-xet-nghiem-tiem-phong",
    agency: "SYT",
  },
  {
    text: "Con toi 2 tuoi can tiem vac xin 6 trong 1 o phuong Ham Rong",
    field: "y-te-xet-nghiem-tiem-phong",
    agency: "SYT",
  },
  {
    text: "Phòng khám tư ở xã Như Thanh hoạt động không có giấy phép",
    field: "y-te-xet-nghiem-tiem-phong",
    agency: "SYT",
  },
  {
    text: "Nhiều người trong xóm bị sốt xuất huyết, chưa thấy phun thuốc",
    field: "dich-te-cach-ly",
    agency: "SYT",
  },
  { text: "Quy định mới về tiêm vắc xin cho học sinh", field: "tinh-hinh-dich", agency: "SYT" },
  // Social policy.
  { text: "Thủ tục hưởng trợ cấp cho trẻ mồ côi", field: "an-sinh-xa-hoi", agency: "SNV" },
  {
    text: "Xã Thiệu Viên cũ không đưa nhà tôi vào danh sách hộ nghèo dù rất khó khăn",
    field: "an-sinh-xa-hoi",
    agency: "15835",
  },
  {
    text: "Bà tôi ở Đồng Lộc, huyện Hậu Lộc cũ, chưa được nhận tiền trợ cấp hàng tháng",
    field: "an-sinh-xa-hoi",
    agency: "16033",
  },
  { text: "Cách tính trợ cấp thôi việc khi công ty giải thể", field: "an-sinh-xa-hoi", agency: "SNV" },
  { text: "Mức đóng bảo hiểm y tế hộ gia đình năm nay", field: "an-sinh-xa-hoi", agency: "BHXH" },
  { text: "Thương binh hạng 3 được hưởng chế độ gì", field: "an-sinh-xa-hoi", agency: "SNV" },
  // Humanitarian.
  { text: "Tôi muốn ủng hộ gạo cho bà con vùng lũ", field: "ho-tro-nhan-dao", agency: "HCTD" },
  {
    text: "Xã Xuân Khang cũ có gia đình mẹ đơn thân bệnh nặng cần giúp đỡ",
    field: "ho-tro-nhan-dao",
    agency: "16228",
  },
  { text: "Đăng ký hiến máu tình nguyện như thế nào", field: "ho-tro-nhan-dao", agency: "HCTD" },
  // Traffic, trade, order.
  { text: "Ổ gà lớn trên quốc lộ 45 gây tai nạn", field: "giao-thong-thuong-mai-an-ninh", agency: "SXD" },
  { text: "Xe buýt chạy ẩu vượt đèn đỏ", field: "giao-thong-thuong-mai-an-ninh", agency: "SXD" },
  {
    text: "Trộm cắp tài sản liên tục ở khu dân cư xã Thọ Long",
    field: "giao-thong-thuong-mai-an-ninh",
    agency: "15505",
  },
  {
    text: "Hàng quán lấn chiếm vỉa hè phường Lam Sơn thị xã Bỉm Sơn",
    field: "giao-thong-thuong-mai-an-ninh",
    agency: "14812",
  },
  { text: "Đua xe trái phép trên đường ven biển", field: "giao-thong-thuong-mai-an-ninh", agency: "CAT" },
  { text: "Cây xăng bán thiếu lít", field: "giao-thong-thuong-mai-an-ninh", agency: "SCT" },
  // Complaints, prices, fraud.
  { text: "Có người gọi nhận là nhân viên ngân hàng xin mã OTP", field: "phan-anh-vi-pham", agency: "CAT" },
  {
    text: "Xưởng gỗ ở phường Trường Thi cũ cưa xẻ gây ồn cả ngày",
    field: "phan-anh-vi-pham",
    agency: "14797",
  },
  {
    text: "Vứt rác bừa bãi ra bãi biển xã Quảng Nham cũ, huyện Quảng Xương",
    field: "phan-anh-vi-pham",
    agency: "16549",
  },
  { text: "Đốt rác thải nhựa ở xã Cẩm Ngọc cũ gây khói độc", field: "phan-anh-vi-pham", agency: "15127" },
  { text: "Giá thịt lợn ở chợ tăng vô lý", field: "phan-anh-vi-pham", agency: "SCT" },
  { text: "Nhà máy xả nước thải màu đen ra sông", field: "phan-anh-vi-pham", agency: "SNNMT" },
  {
    text: "Quán nhậu mở nhạc to đến khuya",
    field: "phan-anh-vi-pham",
    agency: "14797",
    address: "Ngõ 12 Lê Hoàn, phường Hạc Thành",
  },
  // Information.
  { text: "Tin đồn sắp cắt điện toàn tỉnh có thật không", field: "thong-tin-tuyen-truyen", agency: "SKHCN" },
  {
    text: "Loa truyền thanh ở thị trấn Tân Phong cũ phát quá sớm",
    field: "thong-tin-tuyen-truyen",
    agency: "16438",
  },
  { text: "Có tài khoản Zalo mạo danh chủ tịch tỉnh", field: "thong-tin-tuyen-truyen", agency: "SKHCN" },
  // Other.
  { text: "Cấp đổi sổ đỏ mất bao lâu", field: "khac", agency: "SNNMT" },
  {
    text: "Hàng xóm xây tường lấn sang đất nhà tôi ở xã Nam Giang cũ, Thọ Xuân",
    field: "khac",
    agency: "15505",
  },
  { text: "Trường tiểu học thu quỹ phụ huynh quá nhiều", field: "khac", agency: "SGDDT" },
];
