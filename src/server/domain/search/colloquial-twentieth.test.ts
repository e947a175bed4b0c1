import { describe, it } from "vitest";
import { expectLeftAsTyped, expectReadings, expectRetrievals } from "./search.fixture.js";

// Issue 16: the twentieth session's everyday wordings, moved here from colloquial.test.ts (5 Dec 2026)
// so that file stays under 400 lines; assertions unchanged.
describe("colloquial and regional words (issue 16), twentieth session", () => {
  it("reads the twentieth session's everyday wordings (bọng đái, xe ôm, hết ga, COPD, con delta…)", () => {
    expectReadings({
      "bong dai": ["bang quang"],
      "xe om": ["ung dung ket noi", "phuong tien giao thong"],
      "an uong sao": ["dinh duong", "an uong the nao"],
      "nuoc tay loai": ["san pham tay rua nao"],
      "hom moi het": ["keo dai bao lau"],
      "het ga": ["gas", "doi gas"],
      "co bi chan": ["han che di lai"],
      "di tinh khac": ["giua cac tinh", "lien tinh"],
      "ngu khong duoc": ["mat ngu", "cang thang"],
      "phat may": ["muc phat", "phat bao nhieu"],
      "khoi roi": ["khoi benh", "da khoi"],
      "con delta": ["bien the delta"],
      "con omicron": ["bien the omicron"],
      "da mac covid": ["nhiem covid tu truoc"],
      "bi covid r": ["nhiem covid tu truoc"],
      copd: ["tac nghen phoi man tinh"],
      "duong di hoc": ["duong tu nha toi truong"],
      sten: ["stent"],
      "ong do con": ["nong do con"],
      "me la f0": ["me mac covid"],
      "tap gym": ["tap the duc"],
      "qua mau": ["qua duong mau"],
      "dua com": ["cham soc"],
      "de bi nang": ["benh nghiem trong", "nguy co cao"],
      "dua di chua": ["dieu tri o dau", "noi dieu tri"],
      "giup khong bi": ["ngan ngua"],
      "tien giay": ["tien xu"],
      "phai 5k": ["bien phap an toan"],
      "quanh xom": ["khu dan cu", "vung xanh"],
      "xet nghiem di ung": ["test di ung"],
      "toi la f1": ["biet minh la f1"],
      "chung minh da khoi": ["chung minh f0 khoi benh"],
      "dua nho bi covid": ["tre mac covid"],
      "tiem cum xong": ["vaccine cum mua"],
      "tang may": ["thu dung vao tang nao"],
      "buou lanh o nguc": ["u xo tuyen vu", "u vu"],
      "moi biet co bau": ["phat hien minh mang thai"],
      "biet minh co thai": ["khong biet minh co thai", "phat hien minh mang thai"],
      "vao vien do": ["hoi chung ao choang trang"],
      "f0 sao thi": ["f0 nao"],
      "don dep nha": ["ve sinh nha cua"],
      "moi co khang the": ["san sinh khang the"],
      "vac xin khac roi": ["vua tiem mot loai vaccine khac"],
    });
    // Narrowed after measuring: the broader forms are left as typed.
    expectLeftAsTyped(["moi het", "nuoc tay", "5k", "dua nho", "mat vi covid"]);
    expectRetrievals([
      [
        "tui bị viêm bọng đái, chích ngừa được hông",
        "Người bị viêm bàng quang có tiêm vắc xin được không?",
        "Người bị viêm đại tràng có tiêm vắc xin được không?",
        "bang-quang",
      ],
      [
        "nhà hết ga mà không ai chở tới, chừ răng",
        "Gọi gas nhưng không đổi được thì phải làm sao?",
        "Nhà hết thuốc thì làm sao?",
        "gas",
      ],
      [
        "ba e bi COPD chich ngua dc ko",
        "Bệnh tắc nghẽn phổi mãn tính có tiêm vắc xin được không?",
        "Bệnh hen phế quản có tiêm vắc xin được không?",
        "copd",
      ],
    ]);
  });
});
