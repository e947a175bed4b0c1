import type { LegalSource } from "../../shared/schemas/kb.js";
import type { DemoSeeder } from "./seed.js";

/**
 * Demo entries of the Q&A base (R-KB1), written for the demo: illustrative answers on the hotline's
 * topics, not official guidance. Legal sources cite real, well-known documents by number only.
 * Created the way staff would: the SYT focal point proposes, the administrator publishes; a few are
 * left as draft, proposal and expired so every screen has something to show.
 */
type Row = [field: string, question: string, answer: string, sources?: LegalSource[]];

const nq128: LegalSource = {
  number: "128/NQ-CP",
  date: "2021-10-11",
  title: "Thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19",
  url: null,
};
const nq68: LegalSource = {
  number: "68/NQ-CP",
  date: "2021-07-01",
  title: "Chính sách hỗ trợ người lao động và người sử dụng lao động gặp khó khăn do COVID-19",
  url: null,
};
const luat: LegalSource = {
  number: "03/2007/QH12",
  date: "2007-11-21",
  title: "Luật Phòng, chống bệnh truyền nhiễm",
  url: null,
};
const nd117: LegalSource = {
  number: "117/2020/NĐ-CP",
  date: "2020-09-28",
  title: "Xử phạt vi phạm hành chính trong lĩnh vực y tế",
  url: null,
};

const rows: Row[] = [
  [
    "y-te-xet-nghiem-tiem-phong",
    "Trẻ em từ 5 đến dưới 12 tuổi tiêm vắc-xin COVID-19 ở đâu?",
    "<p>Trẻ được tiêm tại <strong>trạm y tế xã, phường</strong> hoặc điểm tiêm tại trường học theo kế hoạch của địa phương. Cha mẹ mang theo giấy khai sinh hoặc mã định danh của trẻ và ký phiếu đồng ý tiêm.</p>",
  ],
  [
    "y-te-xet-nghiem-tiem-phong",
    "Người đang mang thai có được tiêm vắc-xin COVID-19 không?",
    "<p>Phụ nữ mang thai từ tuần thứ 13 được khám sàng lọc trước tiêm; bác sĩ tại điểm tiêm quyết định. Mang theo sổ khám thai khi đi tiêm.</p>",
  ],
  [
    "y-te-xet-nghiem-tiem-phong",
    "Tiêm mũi nhắc lại (mũi 3) cách mũi 2 bao lâu?",
    "<p>Theo hướng dẫn hiện hành của Bộ Y tế, mũi nhắc lại tiêm sau mũi cơ bản cuối cùng ít nhất 3 tháng. Khoảng cách có thể thay đổi; gọi 1022 để được cập nhật.</p>",
  ],
  [
    "y-te-xet-nghiem-tiem-phong",
    "Sau khi tiêm vắc-xin bị sốt thì phải làm gì?",
    "<p>Sốt nhẹ trong 1–2 ngày là phản ứng thường gặp. Uống nhiều nước, dùng thuốc hạ sốt paracetamol theo liều. Nếu sốt cao trên 39°C, khó thở, đau ngực hoặc nổi mẩn toàn thân, đến cơ sở y tế gần nhất ngay.</p>",
  ],
  [
    "y-te-xet-nghiem-tiem-phong",
    "Làm thế nào để cập nhật mũi tiêm vào sổ sức khỏe điện tử?",
    "<p>Liên hệ trạm y tế nơi đã tiêm, cung cấp số định danh cá nhân và phiếu xác nhận tiêm. Trạm y tế cập nhật lên hệ thống tiêm chủng quốc gia.</p>",
  ],
  [
    "y-te-xet-nghiem-tiem-phong",
    "Xét nghiệm PCR ở đâu được miễn phí?",
    "<p>Người có triệu chứng nghi nhiễm và người thuộc diện điều tra dịch tễ được xét nghiệm miễn phí tại trung tâm y tế huyện theo chỉ định. Xét nghiệm theo nhu cầu cá nhân phải trả phí theo giá niêm yết.</p>",
    [luat],
  ],
  [
    "y-te-xet-nghiem-tiem-phong",
    "Test nhanh kháng nguyên tại nhà dương tính thì làm gì?",
    "<p>Báo ngay cho trạm y tế xã hoặc gọi 1022; tự cách ly tại nhà, đeo khẩu trang, theo dõi nhiệt độ và SpO2. Trạm y tế hướng dẫn xác nhận và quản lý điều trị tại nhà.</p>",
  ],
  [
    "dich-te-cach-ly",
    "F1 phải cách ly tại nhà bao nhiêu ngày?",
    "<p>Người tiếp xúc gần (F1) thực hiện cách ly hoặc tự theo dõi sức khỏe theo hướng dẫn hiện hành của Bộ Y tế và Ban chỉ đạo tỉnh. Gọi 1022 hoặc trạm y tế xã để biết quy định đang áp dụng.</p>",
    [nq128],
  ],
  [
    "dich-te-cach-ly",
    "Người nhiễm COVID-19 (F0) điều trị tại nhà cần điều kiện gì?",
    "<p>F0 không triệu chứng hoặc triệu chứng nhẹ, không có bệnh nền nặng, có người chăm sóc và có thể liên lạc với trạm y tế thì được điều trị tại nhà. Trạm y tế theo dõi hằng ngày.</p>",
  ],
  [
    "dich-te-cach-ly",
    "Khi nào F0 được kết thúc cách ly?",
    "<p>Khi đủ số ngày theo hướng dẫn và không còn triệu chứng, trạm y tế xã cấp giấy xác nhận hoàn thành cách ly.</p>",
  ],
  [
    "dich-te-cach-ly",
    "Người từ tỉnh khác về Thanh Hóa có phải khai báo y tế không?",
    "<p>Thực hiện khai báo y tế theo yêu cầu của địa phương tại thời điểm đến. Thông tin mới nhất được đăng trên cổng thông tin của tỉnh và qua Tổng đài 1022.</p>",
  ],
  [
    "dich-te-cach-ly",
    "Nhà có người cách ly thì người trong gia đình có được đi làm không?",
    "<p>Người trong gia đình không phải F1 vẫn đi làm bình thường, thực hiện 5K và theo dõi sức khỏe. Nếu là F1 thì làm theo hướng dẫn của trạm y tế.</p>",
  ],
  [
    "tinh-hinh-dich",
    "Xem số ca nhiễm COVID-19 mới nhất của tỉnh ở đâu?",
    "<p>Số liệu được Sở Y tế cập nhật hằng ngày trên cổng thông tin điện tử của Sở Y tế và của tỉnh.</p>",
  ],
  [
    "tinh-hinh-dich",
    "Thanh Hóa đang áp dụng cấp độ dịch nào?",
    "<p>Cấp độ dịch do Ban chỉ đạo tỉnh công bố theo từng xã, phường và được điều chỉnh hằng tuần. Tra cứu trên cổng thông tin của tỉnh hoặc gọi 1022.</p>",
    [nq128],
  ],
  [
    "an-sinh-xa-hoi",
    "Người lao động tạm hoãn hợp đồng do dịch được hỗ trợ bao nhiêu tiền?",
    "<p>Mức hỗ trợ theo Nghị quyết 68/NQ-CP và các văn bản sửa đổi. Người lao động nộp hồ sơ qua doanh nghiệp; doanh nghiệp gửi UBND cấp xã hoặc cơ quan bảo hiểm xã hội.</p>",
    [nq68],
  ],
  [
    "an-sinh-xa-hoi",
    "Lao động tự do mất việc làm do dịch có được hỗ trợ không?",
    "<p>Có, nếu thuộc đối tượng địa phương quy định. Đăng ký với UBND xã, phường nơi cư trú; danh sách được niêm yết công khai trước khi chi trả.</p>",
    [nq68],
  ],
  [
    "an-sinh-xa-hoi",
    "Hồ sơ xin hỗ trợ cho trẻ em phải cách ly gồm những gì?",
    "<p>Đơn đề nghị, giấy tờ chứng minh thời gian cách ly hoặc điều trị do cơ sở y tế cấp. Nộp tại UBND xã, phường.</p>",
  ],
  [
    "an-sinh-xa-hoi",
    "Bao giờ nhận được tiền hỗ trợ sau khi nộp hồ sơ?",
    "<p>Thời hạn giải quyết theo quy định của từng chính sách. Có thể theo dõi tiến độ bằng mã yêu cầu trên cổng thông tin 1022.</p>",
  ],
  [
    "ho-tro-nhan-dao",
    "Gia đình khó khăn không có lương thực trong thời gian cách ly thì liên hệ ai?",
    "<p>Gọi 1022 hoặc liên hệ UBND và Mặt trận Tổ quốc xã, phường. Địa phương tổ chức hỗ trợ lương thực, nhu yếu phẩm cho hộ khó khăn.</p>",
  ],
  [
    "ho-tro-nhan-dao",
    "Muốn ủng hộ vật tư y tế cho khu cách ly thì làm thế nào?",
    "<p>Liên hệ Ủy ban Mặt trận Tổ quốc tỉnh hoặc huyện để được hướng dẫn tiếp nhận và công khai nguồn ủng hộ.</p>",
  ],
  [
    "giao-thong-thuong-mai-an-ninh",
    "Đi lại giữa các huyện trong tỉnh có cần giấy đi đường không?",
    "<p>Khi không có chỉ đạo hạn chế đi lại, người dân không cần giấy đi đường. Khi có chỉ đạo mới, thông tin được đăng trên cổng thông tin của tỉnh.</p>",
  ],
  [
    "giao-thong-thuong-mai-an-ninh",
    "Xe chở hàng hóa thiết yếu qua chốt kiểm soát cần giấy tờ gì?",
    "<p>Giấy tờ xe, giấy tờ hàng hóa và giấy tờ theo yêu cầu của Ban chỉ đạo tại thời điểm đó. Gọi 1022 để được hướng dẫn cụ thể.</p>",
  ],
  [
    "giao-thong-thuong-mai-an-ninh",
    "Chợ truyền thống có được mở cửa không?",
    "<p>Việc mở cửa chợ do UBND cấp huyện, cấp xã quyết định theo cấp độ dịch và phải bảo đảm các điều kiện phòng chống dịch.</p>",
    [nq128],
  ],
  [
    "phan-anh-vi-pham",
    "Phản ánh nơi tụ tập đông người không đeo khẩu trang ở đâu?",
    "<p>Gọi 1022 hoặc gửi phản ánh trên cổng thông tin, nêu rõ địa điểm và thời gian. Thông tin người phản ánh được giữ bí mật.</p>",
    [nd117],
  ],
  [
    "phan-anh-vi-pham",
    "Không đeo khẩu trang nơi công cộng bị phạt bao nhiêu?",
    "<p>Mức phạt theo Nghị định 117/2020/NĐ-CP về xử phạt vi phạm hành chính trong lĩnh vực y tế.</p>",
    [nd117],
  ],
  [
    "phan-anh-vi-pham",
    "Phát hiện bán thuốc điều trị COVID-19 không rõ nguồn gốc thì báo ở đâu?",
    "<p>Báo Tổng đài 1022 hoặc Sở Y tế; kèm hình ảnh, địa chỉ cửa hàng nếu có.</p>",
  ],
  [
    "thong-tin-tuyen-truyen",
    "Tổng đài 1022 làm việc vào giờ nào?",
    "<p>Tổng đài 1022 tiếp nhận 24 giờ mỗi ngày, 7 ngày mỗi tuần qua điện thoại, cổng thông tin, thư điện tử, Zalo và Facebook.</p>",
  ],
  [
    "thong-tin-tuyen-truyen",
    "Làm sao theo dõi kết quả trả lời câu hỏi đã gửi 1022?",
    "<p>Dùng mã yêu cầu được cấp khi gửi để tra cứu trên cổng thông tin 1022: trạng thái, tiến độ, thời hạn hẹn và câu trả lời.</p>",
  ],
  [
    "thong-tin-tuyen-truyen",
    "Thông điệp 5K phòng chống dịch gồm những gì?",
    "<p>Khẩu trang – Khử khuẩn – Khoảng cách – Không tụ tập – Khai báo y tế.</p>",
  ],
  [
    "khac",
    "Gọi 1022 có mất phí không?",
    "<p>Cước gọi theo quy định của nhà mạng cho đầu số 1022; một số thời kỳ tỉnh hỗ trợ miễn cước, thông báo trên cổng thông tin.</p>",
  ],
  [
    "khac",
    "Số điện thoại đường dây nóng của Sở Y tế là bao nhiêu?",
    "<p>Gọi Tổng đài 1022; tổng đài viên chuyển cuộc gọi đến đường dây nóng của Sở Y tế khi cần.</p>",
  ],
];

const SYT = "SYT";

export const demoKbEntries: DemoSeeder = {
  name: "kb-entries",
  async run({ ctx, services, users, agencyId }) {
    const agency = await agencyId(SYT);
    const now = ctx.clock.now().getTime();
    for (const [i, [fieldCode, question, answerHtml, legalSources = []]] of rows.entries()) {
      // The third-to-last expired yesterday: it shows the "needs review" list.
      const expired = i === rows.length - 3;
      const entry = await services.kb.createEntry(users.focal, {
        question,
        answerHtml,
        fieldCode,
        agencyId: agency,
        legalSources,
        keywords: [],
        effectiveFrom: expired ? new Date(now - 30 * 86_400_000).toISOString() : null,
        effectiveUntil: expired ? new Date(now - 86_400_000).toISOString() : null,
      });
      if (i === rows.length - 1) continue; // left as a draft
      await services.kb.proposeEntry(users.focal, entry.id);
      if (i === rows.length - 2) continue; // left awaiting review
      await services.kb.publishEntry(users.admin, entry.id);
    }
  },
};
