import type { Channel, RequestAction } from "../../shared/request-status.js";

/**
 * Demo requests written for the product (never taken from a research dataset). Each walks the
 * state machine through `steps`, starting `ageHours` wall-clock hours ago.
 */
export interface DemoRequest {
  name: string;
  phone: string;
  address: string;
  email?: string;
  channel: Channel;
  field: string;
  urgency?: "urgent";
  content: string;
  ageHours: number;
  agency?: string;
  steps: RequestAction[];
  answer?: string;
  transfer?: "connected" | "failed";
  /**
   * Working hours left on the slip now, as a range: (0, 1] leaves it due soon, negative leaves it
   * late — placed in working time, so the demo looks the same whatever day it is started.
   */
  dueLeft?: [number, number];
}

const d = (r: DemoRequest) => r;

export const demoRequestData: DemoRequest[] = [
  // Mới tiếp nhận
  d({
    name: "Trần Thị Lan",
    phone: "0912001001",
    address: "Số 12 Phan Chu Trinh, phường Hạc Thành",
    channel: "phone",
    field: "y-te-xet-nghiem-tiem-phong",
    content: "Cho tôi hỏi lịch tiêm vắc xin mũi nhắc lại cho người trên 60 tuổi tại phường Hạc Thành?",
    ageHours: 0.3,
    steps: [],
  }),
  d({
    name: "Lê Văn Hùng",
    phone: "0912001002",
    address: "Thôn Đông, xã Quảng Phú",
    channel: "portal",
    field: "an-sinh-xa-hoi",
    content:
      "Gia đình tôi có người mất việc do dịch, xin hỏi thủ tục đề nghị hỗ trợ theo chính sách của tỉnh.",
    ageHours: 1,
    steps: [],
  }),
  d({
    name: "Phạm Minh Tuấn",
    phone: "0912001003",
    address: "Tổ 5, phường Sầm Sơn",
    channel: "zalo",
    field: "phan-anh-vi-pham",
    urgency: "urgent",
    content:
      "Có người từ vùng dịch về khu phố nhưng không khai báo y tế, đề nghị cơ quan chức năng kiểm tra gấp.",
    ageHours: 0.5,
    steps: [],
  }),
  d({
    name: "Nguyễn Thị Mai",
    phone: "0912001004",
    address: "Xóm 2, xã Hoằng Hóa",
    channel: "email",
    email: "mai.nguyen@example.vn",
    field: "tinh-hinh-dich",
    content: "Xin hỏi hiện nay tỉnh có áp dụng biện pháp hạn chế tụ tập đông người trong dịp lễ hội không?",
    ageHours: 2,
    steps: [],
  }),
  d({
    name: "Hoàng Văn Nam",
    phone: "0912001005",
    address: "Khu 3, thị trấn Ngọc Lặc",
    channel: "facebook",
    field: "giao-thong-thuong-mai-an-ninh",
    content: "Xe chở nông sản của tôi đi các tỉnh phía Bắc có cần giấy xét nghiệm của lái xe không?",
    ageHours: 3,
    steps: [],
  }),
  d({
    name: "Đỗ Thị Hạnh",
    phone: "0912001006",
    address: "Phường Bỉm Sơn",
    channel: "phone",
    field: "ho-tro-nhan-dao",
    content: "Tôi muốn ủng hộ gạo và nhu yếu phẩm cho khu cách ly, liên hệ ở đâu?",
    ageHours: 0.1,
    steps: [],
  }),
  // Chờ Sở xác định thẩm quyền
  d({
    name: "Vũ Đức Thắng",
    phone: "0912001007",
    address: "Xã Nga Sơn",
    channel: "phone",
    field: "khac",
    content: "Doanh nghiệp tôi muốn tổ chức cho công nhân làm việc ba tại chỗ, cần xin phép cơ quan nào?",
    ageHours: 5,
    steps: ["escalate"],
  }),
  d({
    name: "Bùi Thị Thu",
    phone: "0912001008",
    address: "Phường Đông Sơn",
    channel: "portal",
    field: "thong-tin-tuyen-truyen",
    urgency: "urgent",
    content:
      "Trên mạng xã hội đang lan truyền tin phong tỏa toàn thành phố từ tối nay, tin này có đúng không?",
    ageHours: 1.5,
    steps: ["escalate"],
  }),
  d({
    name: "Ngô Văn Lực",
    phone: "0912001009",
    address: "Xã Thọ Xuân",
    channel: "phone",
    field: "khac",
    content:
      "Đề nghị hướng dẫn thủ tục đưa thi hài người thân từ tỉnh khác về quê an táng trong thời gian dịch.",
    ageHours: 26,
    agency: "SCT",
    steps: ["forward", "return_to_coordinator"],
  }),
  // Đã chuyển cơ quan
  d({
    name: "Lý Thị Hồng",
    phone: "0912001010",
    address: "Phường Quảng Hưng",
    channel: "phone",
    field: "y-te-xet-nghiem-tiem-phong",
    content: "Con tôi 8 tuổi bị sốt sau tiêm vắc xin hai ngày, cần đưa đến đâu để được khám?",
    ageHours: 72,
    agency: "SYT",
    transfer: "failed",
    dueLeft: [-6, -3],
    steps: ["forward"],
  }),
  d({
    name: "Trịnh Văn Quang",
    phone: "0912001011",
    address: "Xã Triệu Sơn",
    channel: "zalo",
    field: "dich-te-cach-ly",
    content: "Tôi là F1, đã cách ly tại nhà 7 ngày, xét nghiệm âm tính, khi nào được đi làm trở lại?",
    ageHours: 7,
    agency: "SYT",
    dueLeft: [0.25, 1],
    steps: ["forward"],
  }),
  d({
    name: "Mai Thị Yến",
    phone: "0912001012",
    address: "Phường Nghi Sơn",
    channel: "portal",
    field: "an-sinh-xa-hoi",
    content: "Hộ kinh doanh cá thể phải tạm dừng hoạt động có được hỗ trợ không, mức hỗ trợ bao nhiêu?",
    ageHours: 4,
    agency: "STC",
    steps: ["forward"],
  }),
  d({
    name: "Cao Văn Sơn",
    phone: "0912001013",
    address: "Xã Tĩnh Gia",
    channel: "phone",
    urgency: "urgent",
    field: "y-te-xet-nghiem-tiem-phong",
    content: "Bà tôi 80 tuổi khó thở, nghi mắc bệnh, gọi cấp cứu không được, đề nghị hỗ trợ khẩn cấp.",
    ageHours: 0.5,
    agency: "SYT",
    transfer: "connected",
    steps: ["forward"],
  }),
  d({
    name: "Đinh Thị Loan",
    phone: "0912001014",
    address: "Xã Hà Trung",
    channel: "email",
    email: "loan.dinh@example.vn",
    field: "giao-thong-thuong-mai-an-ninh",
    content:
      "Cửa hàng gần nhà tôi bán khẩu trang và nước sát khuẩn với giá cao gấp ba lần, đề nghị kiểm tra.",
    ageHours: 30,
    agency: "SCT",
    dueLeft: [-2, -0.5],
    steps: ["forward"],
  }),
  // Đã trả lời qua điện thoại
  d({
    name: "Tạ Văn Bình",
    phone: "0912001015",
    address: "Phường Hàm Rồng",
    channel: "phone",
    field: "dich-te-cach-ly",
    content: "Người về từ nước ngoài có phải cách ly tập trung không hay được cách ly tại nhà?",
    ageHours: 3,
    agency: "SYT",
    steps: ["forward", "answer_by_phone"],
  }),
  d({
    name: "Lương Thị Nga",
    phone: "0912001016",
    address: "Xã Quảng Xương",
    channel: "phone",
    field: "y-te-xet-nghiem-tiem-phong",
    content: "Xét nghiệm nhanh tại nhà dương tính thì cần báo cho ai, có phải xét nghiệm lại không?",
    ageHours: 28,
    agency: "SYT",
    steps: ["forward", "answer_by_phone"],
  }),
  // Đang xác minh
  d({
    name: "Kiều Văn Đức",
    phone: "0912001017",
    address: "Xã Yên Định",
    channel: "portal",
    field: "an-sinh-xa-hoi",
    content:
      "Tôi đã nộp hồ sơ hỗ trợ người lao động từ tháng trước nhưng chưa nhận được tiền, đề nghị kiểm tra.",
    ageHours: 6,
    agency: "SNV",
    steps: ["forward", "mark_verifying"],
  }),
  d({
    name: "Chu Thị Phương",
    phone: "0912001018",
    address: "Phường Đông Hương",
    channel: "phone",
    field: "phan-anh-vi-pham",
    content: "Một cơ sở karaoke trong ngõ vẫn hoạt động ban đêm dù đã có lệnh tạm dừng.",
    ageHours: 50,
    agency: "CAT",
    steps: ["forward", "mark_verifying", "post_progress"],
  }),
  d({
    name: "Hà Văn Tài",
    phone: "0912001019",
    address: "Xã Cẩm Thủy",
    channel: "zalo",
    field: "ho-tro-nhan-dao",
    content: "Xin hỏi danh sách hộ nghèo được nhận quà hỗ trợ của xã có công khai không?",
    ageHours: 9,
    agency: "SYT",
    steps: ["forward", "mark_verifying"],
  }),
  // Đã có kết quả trả lời, chờ công khai
  d({
    name: "Phan Thị Thủy",
    phone: "0912001020",
    address: "Phường Trường Thi",
    channel: "phone",
    field: "y-te-xet-nghiem-tiem-phong",
    content: "Phụ nữ đang cho con bú có được tiêm vắc xin không?",
    ageHours: 10,
    steps: ["answer_from_kb"],
    answer:
      "Phụ nữ đang cho con bú được tiêm vắc xin phòng COVID-19; không cần ngừng cho con bú sau khi tiêm.",
  }),
  d({
    name: "Dương Văn Khải",
    phone: "0912001021",
    address: "Xã Nông Cống",
    channel: "portal",
    field: "dich-te-cach-ly",
    content: "Thời gian cách ly tại nhà đối với người tiếp xúc gần hiện nay là bao nhiêu ngày?",
    ageHours: 20,
    agency: "SYT",
    steps: ["forward", "record_answer"],
    answer:
      "Người tiếp xúc gần tự theo dõi sức khỏe tại nhà 7 ngày; nếu có triệu chứng thì báo ngay trạm y tế xã, phường.",
  }),
  d({
    name: "Tô Thị Ánh",
    phone: "0912001022",
    address: "Xã Thiệu Hóa",
    channel: "email",
    email: "anh.to@example.vn",
    field: "an-sinh-xa-hoi",
    content: "Trẻ em mồ côi do dịch bệnh được hưởng chính sách hỗ trợ gì?",
    ageHours: 40,
    agency: "SNV",
    steps: ["forward", "mark_verifying", "record_answer"],
    answer:
      "Trẻ em mồ côi được hỗ trợ một lần và trợ cấp hằng tháng theo quy định; gia đình liên hệ UBND xã để được hướng dẫn lập hồ sơ.",
  }),
  // Từ chối tiếp nhận
  d({
    name: "Quách Văn Hải",
    phone: "0912001023",
    address: "Xã Vĩnh Lộc",
    channel: "phone",
    field: "khac",
    content: "Cho tôi hỏi kết quả xổ số hôm nay.",
    ageHours: 12,
    steps: ["refuse"],
  }),
  d({
    name: "Lâm Thị Hoa",
    phone: "0912001024",
    address: "Phường Đông Tiến",
    channel: "facebook",
    field: "khac",
    content: "Please tell me about tourist visas.",
    ageHours: 30,
    steps: ["refuse"],
  }),
  d({
    name: "Mạc Văn Tùng",
    phone: "0912001025",
    address: "Xã Như Thanh",
    channel: "phone",
    field: "khac",
    content: "Hỏi về tranh chấp đất đai với hàng xóm.",
    ageHours: 60,
    steps: ["refuse", "close"],
  }),
  // Đã công khai
  d({
    name: "Vương Thị Hương",
    phone: "0912001026",
    address: "Phường Hạc Thành",
    channel: "phone",
    field: "y-te-xet-nghiem-tiem-phong",
    content: "Trẻ em từ 5 đến dưới 12 tuổi tiêm vắc xin ở đâu, cần mang giấy tờ gì?",
    ageHours: 80,
    agency: "SYT",
    steps: ["forward", "record_answer", "publish"],
    answer:
      "Trẻ được tiêm tại trạm y tế xã, phường nơi cư trú theo lịch của địa phương. Cha mẹ mang theo giấy khai sinh hoặc mã định danh của trẻ và sổ tiêm chủng (nếu có).",
  }),
  d({
    name: "Đoàn Văn Phúc",
    phone: "0912001027",
    address: "Xã Hậu Lộc",
    channel: "portal",
    field: "dich-te-cach-ly",
    content: "Người đã khỏi bệnh có phải cách ly khi tiếp xúc lại với người mắc không?",
    ageHours: 100,
    agency: "SYT",
    steps: ["forward", "mark_verifying", "record_answer", "publish"],
    answer:
      "Người đã khỏi bệnh trong vòng 3 tháng không phải cách ly khi là người tiếp xúc gần, nhưng cần tự theo dõi sức khỏe và báo y tế khi có triệu chứng.",
  }),
  d({
    name: "Nghiêm Thị Liên",
    phone: "0912001028",
    address: "Xã Thạch Thành",
    channel: "zalo",
    field: "an-sinh-xa-hoi",
    content: "Lao động tự do bị mất việc có được nhận hỗ trợ không, nộp hồ sơ ở đâu?",
    ageHours: 120,
    agency: "SNV",
    steps: ["forward", "record_answer", "publish"],
    answer:
      "Lao động tự do thuộc đối tượng hỗ trợ nộp đề nghị tại UBND xã, phường nơi cư trú; danh sách được niêm yết công khai trước khi chi trả.",
  }),
  d({
    name: "Từ Văn Khoa",
    phone: "0912001029",
    address: "Phường Quảng Tiến",
    channel: "phone",
    field: "giao-thong-thuong-mai-an-ninh",
    content: "Xe khách liên tỉnh có được hoạt động lại không, cần điều kiện gì?",
    ageHours: 150,
    agency: "SXD",
    steps: ["forward", "answer_by_phone", "record_answer", "publish"],
    answer:
      "Xe khách liên tỉnh được hoạt động bình thường; doanh nghiệp vận tải thực hiện các biện pháp phòng dịch theo hướng dẫn của ngành giao thông vận tải.",
  }),
  d({
    name: "Lạc Thị Oanh",
    phone: "0912001030",
    address: "Xã Bá Thước",
    channel: "phone",
    field: "y-te-xet-nghiem-tiem-phong",
    content: "Người có bệnh nền tiểu đường có tiêm vắc xin được không?",
    ageHours: 200,
    steps: ["answer_from_kb", "publish"],
    answer:
      "Người mắc bệnh nền ổn định, trong đó có tiểu đường, được tiêm vắc xin; cần báo bệnh cho nhân viên y tế khi khám sàng lọc trước tiêm.",
  }),
  d({
    name: "Âu Văn Thành",
    phone: "0912001031",
    address: "Phường Đông Vệ",
    channel: "email",
    email: "thanh.au@example.vn",
    field: "thong-tin-tuyen-truyen",
    content: "Tin nhắn mời nhận tiền hỗ trợ qua đường link có phải của cơ quan nhà nước không?",
    ageHours: 240,
    agency: "CAT",
    steps: ["forward", "record_answer", "publish"],
    answer:
      "Cơ quan nhà nước không gửi đường link yêu cầu cung cấp mật khẩu hoặc mã OTP để nhận hỗ trợ. Đây là thủ đoạn lừa đảo; người dân không bấm vào đường link và báo cho công an nơi gần nhất.",
  }),
  d({
    name: "Hồ Thị Vân",
    phone: "0912001032",
    address: "Xã Quan Hóa",
    channel: "portal",
    field: "ho-tro-nhan-dao",
    content: "Tôi muốn đăng ký làm tình nguyện viên hỗ trợ khu cách ly.",
    ageHours: 300,
    agency: "SYT",
    steps: ["forward", "record_answer", "publish"],
    answer:
      "Người dân đăng ký làm tình nguyện viên với Đoàn Thanh niên hoặc UBND xã, phường nơi cư trú; được tập huấn về phòng chống lây nhiễm trước khi tham gia.",
  }),
  // Đã đóng
  d({
    name: "Giáp Văn Lộc",
    phone: "0912001033",
    address: "Xã Lang Chánh",
    channel: "phone",
    field: "tinh-hinh-dich",
    content: "Số ca mắc mới trong tỉnh tuần này là bao nhiêu?",
    ageHours: 400,
    steps: ["answer_from_kb", "publish", "close"],
    answer: "Số liệu được Sở Y tế cập nhật hằng ngày trên Cổng thông tin điện tử tỉnh và trang của Sở Y tế.",
  }),
  d({
    name: "Khúc Thị Hảo",
    phone: "0912001034",
    address: "Phường Hàm Rồng",
    channel: "zalo",
    field: "dich-te-cach-ly",
    content: "Khi nào hết thời gian theo dõi sức khỏe sau khi đi từ vùng có dịch về?",
    ageHours: 500,
    agency: "SYT",
    steps: ["forward", "record_answer", "publish", "close"],
    answer:
      "Người về từ vùng có dịch tự theo dõi sức khỏe 7 ngày kể từ ngày về; không bắt buộc cách ly nếu không có triệu chứng.",
  }),
];
