import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Reference data the regulation fixes, seeded as default configuration on an empty database
 * (REQUIREMENTS: "seeded default configuration, not code"); administrators edit it afterwards.
 */

export type AgencyKind = "department" | "commune" | "other";

export interface SeedAgency {
  code: string;
  name: string;
  kind: AgencyKind;
  isCoordinator?: boolean;
  /** Names of departments merged into this one (2025 reorganisation). */
  formerly?: string[];
  /** Invented numbers for the demo only; production starts with none (R-KB2: admins register them). */
  demoHotlineNumbers?: string[];
}

export interface AgencySeedFile {
  _about: string;
  snapshot: string;
  agencies: SeedAgency[];
}

/** A commune-level unit and the older units merged into it (issue 19, routing suggestions). */
export interface SeedPlace {
  /** GSO code of the unit from 1 July 2025: also the agency code of its People's Committee. */
  code: string;
  name: string;
  formerly: { name: string; district: string; partial: boolean }[];
}

export interface PlaceSeedFile {
  _about: string;
  snapshot: string;
  places: SeedPlace[];
}

export interface SeedField {
  code: string;
  name: string;
  description: string;
}

export interface SeedRefusalReason {
  code: string;
  text: string;
}

/** R-IN2: the nine content fields of Art. 5, in the regulation's order. */
export const seedFields: SeedField[] = [
  {
    code: "tinh-hinh-dich",
    name: "Tình hình dịch và văn bản chỉ đạo",
    description:
      "Điều 5.1 — Thông tin chung về tình hình dịch Covid-19 trên địa bàn tỉnh Thanh Hoá, nội dung các quyết định, quy định, hướng dẫn của các cấp có thẩm quyền trong công tác phòng, chống dịch Covid-19.",
  },
  {
    code: "dich-te-cach-ly",
    name: "Dịch tễ, cách ly y tế",
    description: "Điều 5.2 — Thông tin cụ thể về dịch tễ, cách ly y tế.",
  },
  {
    code: "y-te-xet-nghiem-tiem-phong",
    name: "Cấp cứu, sức khỏe, xét nghiệm, tiêm phòng",
    description:
      "Điều 5.3 — Thông tin, kiến thức tư vấn hỗ trợ về cấp cứu, sức khoẻ, chữa bệnh, xét nghiệm, tiêm phòng liên quan đến Covid-19.",
  },
  {
    code: "an-sinh-xa-hoi",
    name: "Chính sách an sinh xã hội",
    description:
      "Điều 5.4 — Thông tin liên quan đến việc thực hiện các cơ chế, chính sách an sinh xã hội do tác động của dịch Covid-19 theo các quy định hiện hành.",
  },
  {
    code: "ho-tro-nhan-dao",
    name: "Hỗ trợ nhân đạo, từ thiện",
    description:
      "Điều 5.5 — Thông tin liên quan đến yêu cầu hỗ trợ nhân đạo, từ thiện do ảnh hưởng của dịch Covid-19.",
  },
  {
    code: "giao-thong-thuong-mai-an-ninh",
    name: "Giao thông, vận tải, thương mại, an ninh trật tự",
    description:
      "Điều 5.6 — Thông tin liên quan đến vấn đề giao thông, vận tải, lưu thông hàng hoá, thương mại, an ninh trật tự trong giai đoạn chống dịch Covid-19.",
  },
  {
    code: "phan-anh-vi-pham",
    name: "Phản ánh người nghi nhiễm, giá cả, lừa đảo",
    description:
      "Điều 5.7 — Thông tin về người nghi nhiễm Covid-19, người đi từ vùng dịch; các đối tượng bắt buộc phải cách ly; phản ánh giá trang thiết bị y tế, hàng hóa thiết yếu; lợi dụng dịch Covid-19 để lừa đảo, chiếm đoạt tài sản.",
  },
  {
    code: "thong-tin-tuyen-truyen",
    name: "Thông tin, tuyên truyền, tin giả",
    description:
      "Điều 5.8 — Các vấn đề liên quan đến công tác thông tin, tuyên truyền, tin tức, phản ánh xã hội, tin giả,... về công tác phòng, chống dịch Covid-19.",
  },
  {
    code: "khac",
    name: "Nội dung khác theo chỉ đạo của Chủ tịch UBND tỉnh",
    description:
      "Điều 5.9 — Các nội dung liên quan đến công tác phòng, chống dịch Covid-19 khác theo chỉ đạo của Chủ tịch UBND tỉnh tại từng thời điểm.",
  },
];

/** R-IN4: reasons an operator states when refusing a request at once (Art. 9.2). */
export const seedRefusalReasons: SeedRefusalReason[] = [
  {
    code: "ngoai-pham-vi",
    text: "Nội dung không thuộc phạm vi tiếp nhận của Tổng đài 1022 (Điều 5 Quy chế).",
  },
  { code: "khong-tieng-viet", text: "Yêu cầu không sử dụng ngôn ngữ tiếng Việt (Điều 7.1 Quy chế)." },
  {
    code: "thieu-thong-tin",
    text: "Không cung cấp đủ họ tên, địa chỉ liên hệ, số điện thoại của người yêu cầu (Điều 7.2 Quy chế).",
  },
  { code: "noi-dung-khong-ro", text: "Nội dung yêu cầu không rõ ràng (Điều 7.3 Quy chế)." },
  {
    code: "thai-do-khong-phu-hop",
    text: "Nội dung hoặc thái độ thiếu lịch sự, xúc phạm, không trung thực (Điều 7.4 Quy chế).",
  },
  { code: "trung-lap", text: "Yêu cầu trùng với yêu cầu đã được tiếp nhận trước đó." },
  { code: "quay-roi", text: "Cuộc gọi hoặc tin nhắn quấy rối, không có nội dung yêu cầu." },
];

const agenciesFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "thanh-hoa.agencies.json");

/** The committed agency seed (built by build-agencies.ts from the official commune list). */
export async function loadSeedAgencies(): Promise<SeedAgency[]> {
  const file = JSON.parse(await readFile(agenciesFile, "utf8")) as AgencySeedFile;
  return file.agencies;
}

const placesFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "thanh-hoa.places.json");

/** The commune-level units and their former names (thanh-hoa.places.json, built by build-places.ts). */
export async function loadSeedPlaces(): Promise<SeedPlace[]> {
  const file = JSON.parse(await readFile(placesFile, "utf8")) as PlaceSeedFile;
  return file.places;
}
