import { describe, expect, it } from "vitest";
import { loadSeedPlaces } from "../../db/seed/reference-data.js";
import { type Place, placeIndex, placesIn } from "./places.js";

/** A hand-made slice of the 2025 units, shaped like db/seed/thanh-hoa.places.json. */
const places: Place[] = [
  {
    code: "100",
    name: "Phường Hạc Thành",
    formerly: [
      { name: "Phường Điện Biên", district: "Thành phố Thanh Hóa", partial: false },
      { name: "Phường Ba Đình", district: "Thành phố Thanh Hóa", partial: false },
      { name: "Phường Đông Thọ", district: "Thành phố Thanh Hóa", partial: true },
    ],
  },
  {
    code: "200",
    name: "Phường Bỉm Sơn",
    formerly: [{ name: "Phường Ba Đình", district: "Thị xã Bỉm Sơn", partial: false }],
  },
  {
    code: "300",
    name: "Phường Hàm Rồng",
    formerly: [{ name: "Phường Đông Thọ", district: "Thành phố Thanh Hóa", partial: true }],
  },
  {
    code: "400",
    name: "Xã Tiên Trang",
    formerly: [{ name: "Xã Quảng Nham", district: "Huyện Quảng Xương", partial: false }],
  },
  { code: "500", name: "Xã Ba Đình", formerly: [] },
  { code: "600", name: "Xã Quảng Xương", formerly: [] },
];
const index = placeIndex(places);
const found = (text: string) =>
  placesIn(text, index).map((p) => [p.code, p.formerName, Math.round(p.weight * 100) / 100]);

describe("places named in a request (issue 19)", () => {
  it("a current name with its kind word, any case, with or without diacritics, abbreviated", () => {
    expect(found("Đường ngập nước ở phường Hạc Thành")).toEqual([["100", null, 1]]);
    expect(found("DUONG NGAP O PHUONG HAC THANH")).toEqual([["100", null, 1]]);
    expect(found("đèn hỏng tại P. Hạc Thành, TP Thanh Hóa")).toEqual([["100", null, 1]]);
    expect(found("xã Tiên Trang có dịch sốt xuất huyết")).toEqual([["400", null, 1]]);
  });

  it("a unique current name of two syllables is recognised without its kind word; a kind word alone is not a place", () => {
    expect(found("Tôi ở Tiên Trang, muốn hỏi về đất")).toEqual([["400", null, 1]]);
    expect(found("phường nào giải quyết việc này?")).toEqual([]);
    expect(found("Tôi tên Trang, ở thôn Tiên")).toEqual([]);
  });

  it("a former name before the 2025 merger leads to the unit it joined", () => {
    expect(found("Tôi ở xã Quảng Nham cũ, huyện Quảng Xương")).toEqual([["400", "Xã Quảng Nham", 1]]);
    // Without its kind word, only beside its old district.
    expect(found("Tôi ở Quảng Nham, huyện Quảng Xương")).toEqual([["400", "Xã Quảng Nham", 1]]);
    expect(found("Tôi ở Quảng Nham")).toEqual([]);
    expect(found("khu phố 3 phường Điện Biên")).toEqual([["100", "Phường Điện Biên", 1]]);
  });

  it("an old district named with its kind word is not the commune that took its name", () => {
    expect(found("huyện Quảng Xương")).toEqual([]);
    expect(found("ở Quảng Xương")).toEqual([["600", null, 1]]);
  });

  it("a former name of two districts: the district named decides, else both share the mention", () => {
    expect(found("phường Ba Đình, thị xã Bỉm Sơn")).toEqual([["200", "Phường Ba Đình", 1]]);
    expect(found("phường Ba Đình, TP Thanh Hóa")).toEqual([["100", "Phường Ba Đình", 1]]);
    expect(found("phường Ba Đình")).toEqual([
      ["100", "Phường Ba Đình", 0.5],
      ["200", "Phường Ba Đình", 0.5],
    ]);
    // "Thanh Hóa" alone is the province, not the city.
    expect(found("phường Ba Đình, tỉnh Thanh Hóa")).toHaveLength(2);
  });

  it("a former unit split between two new ones points to both; a current name wins over a former one", () => {
    expect(found("phường Đông Thọ")).toEqual([
      ["100", "Phường Đông Thọ", 0.5],
      ["300", "Phường Đông Thọ", 0.5],
    ]);
    expect(found("xã Ba Đình")).toEqual([["500", null, 1]]);
  });

  it("the committed list (thanh-hoa.places.json) knows old names of the 2025 merger", async () => {
    const real = placeIndex(await loadSeedPlaces());
    expect(placesIn("xã Quảng Nham, Quảng Xương", real).map((p) => p.name)).toEqual(["Xã Tiên Trang"]);
    expect(placesIn("phường Trường Thi", real).map((p) => p.name)).toEqual(["Phường Hạc Thành"]);
  });
});
