import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../shared/errors.js";
import { assertNoPersonalData } from "../personal-data.js";
import { detectPersonalData } from "./detect.js";

const kinds = (text: string) => detectPersonalData(text).map((h) => [h.kind, h.text]);

describe("detectPersonalData", () => {
  it("finds the issue's probe: a phone read out in words and digits, as the requester's own", () => {
    const text = "Số không chín một hai 001021 gọi lại";
    const hits = detectPersonalData(text, { phone: "+84912001021" });
    expect(hits).toEqual([
      { kind: "phone", start: 3, end: 28, text: "không chín một hai 001021", own: true },
    ]);
  });

  it("reports spans on the text as written, also in decomposed Unicode", () => {
    const text = "Ông Nguyễn Văn Đức, 0912 345 678".normalize("NFD");
    for (const h of detectPersonalData(text)) expect(text.slice(h.start, h.end)).toBe(h.text);
    expect(detectPersonalData(text).map((h) => h.kind)).toEqual(["name", "phone"]);
  });

  it("reads digit-word variants: linh, lẻ, bẩy, lăm, mốt, tư, mươi", () => {
    expect(kinds("gọi không chín linh bẩy, lăm mốt tư, hai ba mươi")).toEqual([
      ["phone", "không chín linh bẩy, lăm mốt tư, hai ba mươi"],
    ]);
    expect(kinds("khong chin tam bay sau nam bon ba hai mot")[0]?.[0]).toBe("phone");
  });

  it("does not take public hotlines, amounts, dates or decision numbers for personal data", () => {
    for (const text of [
      "Gọi 1022, 113, 114, 115 hoặc 1900 9095.",
      "Mức hỗ trợ 1.500.000.000 đồng theo Quyết định số 123/QĐ-UBND ngày 15/01/2024.",
      "Năm 2024 có 1.245 ca, chiếm 95,5%; người từ 60 tuổi trở lên.",
      "Tổng kinh phí 150000000 đồng.",
    ])
      expect(kinds(text), text).toEqual([]);
    expect(detectPersonalData("Gọi 0237 3852 123", null, { publicNumbers: ["02373852123"] })).toEqual([]);
  });

  it("finds old 11-digit mobiles and emails under any top-level domain", () => {
    expect(kinds("Số cũ 01689 123 456 của tôi")).toEqual([["phone", "01689 123 456"]]);
    expect(kinds("thư a.b@c.co nhé")).toEqual([["email", "a.b@c.co"]]);
  });

  it("tells a CCCD from a phone, and a CMND from an amount by its context", () => {
    expect(kinds("CCCD 038190012345")).toEqual([["national_id", "038190012345"]]);
    expect(kinds("số 172345678 cấp ngày 5/6/2012")).toEqual([["national_id", "172345678"]]);
    expect(kinds("số 172345678 người")).toEqual([]);
  });

  it("finds the requester's own name, email and address however they are cased or marked", () => {
    const who = {
      fullName: "Lê Thị Hoa",
      email: "Hoa.Le@Example.vn",
      address: "Thôn Yên Trung, xã Quảng Hòa",
    };
    const hits = detectPersonalData("le thi hoa o thon yen trung, xa quang hoa; thư HOA.LE@example.vn", who);
    expect(hits.filter((h) => h.own).map((h) => h.kind)).toEqual(["name", "address", "email"]);
  });

  it("never throws, and every span lies inside the text and matches it", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        for (const h of detectPersonalData(text, { fullName: "Nguyễn Văn An", phone: "0912345678" })) {
          expect(h.start).toBeGreaterThanOrEqual(0);
          expect(h.end).toBeLessThanOrEqual(text.length);
          expect(h.start).toBeLessThan(h.end);
          expect(text.slice(h.start, h.end)).toBe(h.text);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("finds any mobile number in any common writing, inside ordinary sentences", () => {
    const words = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
    const mobile = fc
      .tuple(
        fc.constantFrom("3", "5", "7", "8", "9"),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
      )
      .map(([p, rest]) => `${p}${rest.join("")}`);
    const writing = fc.constantFrom(
      (n: string) => `0${n}`,
      (n: string) => `0${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
      (n: string) => `0${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6)}`,
      (n: string) => `0${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`,
      (n: string) => `(0${n.slice(0, 3)}) ${n.slice(3)}`,
      (n: string) => `+84 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
      (n: string) => `84${n}`,
      (n: string) => `0 ${n.split("").join(" ")}`,
      (n: string) => ["0", ...n].map((d) => words[Number(d)]).join(" "),
      (n: string) =>
        `không ${n.slice(0, 3)} ${n
          .slice(3)
          .split("")
          .map((d) => words[Number(d)])
          .join(" ")}`,
    );
    const around = fc.constantFrom(
      ["Xin gọi lại cho tôi theo số ", " sau 17 giờ."],
      ["SĐT: ", ""],
      ["Liên hệ chị Hoa (", ") để nhận hồ sơ."],
      ["", " là số của con trai tôi."],
    );
    fc.assert(
      fc.property(mobile, writing, around, (n, write, [before, after]) => {
        const written = write(n);
        const text = `${before}${written}${after}`;
        const phones = detectPersonalData(text).filter((h) => h.kind === "phone");
        expect(
          phones.map((h) => h.text.replace(/^\(/, "")),
          text,
        ).toContain(written.replace(/^\(/, ""));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("assertNoPersonalData", () => {
  const who = { fullName: "Trần Văn Nam", phone: "0912001021", email: null, address: null };

  it("refuses with PERSONAL_DATA and one detail per finding: field, kind, span, text", () => {
    const refused = (() => {
      try {
        assertNoPersonalData(
          { publicQuestion: "Anh Phạm Văn Bình hỏi", publicAnswer: "Gọi 0912 001 021." },
          who,
        );
      } catch (e) {
        return e;
      }
    })();
    expect(refused).toBeInstanceOf(AppError);
    const e = refused as AppError;
    expect(e.code).toBe("PERSONAL_DATA");
    expect(e.status).toBe(400);
    expect(e.details).toEqual([
      expect.objectContaining({
        field: "publicQuestion",
        code: "personal_data",
        kind: "name",
        start: 4,
        end: 17,
      }),
      expect.objectContaining({
        field: "publicAnswer",
        code: "personal_data",
        kind: "phone",
        text: "0912 001 021",
      }),
    ]);
    expect(e.details?.[1]?.message).toContain("của người gửi");
  });

  it("accepts what the publisher confirms, and returns it to be recorded; never the requester's own", () => {
    const texts = { publicAnswer: "Liên hệ Bệnh viện Đa khoa tỉnh, bác sĩ Lê Văn Hưng." };
    const confirmed = [{ kind: "name" as const, text: "le van hung" }];
    expect(assertNoPersonalData(texts, who, { confirmed })).toEqual([
      { field: "publicAnswer", kind: "name", start: 39, end: 50, text: "Lê Văn Hưng" },
    ]);
    // The same confirmation for another field does not count.
    expect(() =>
      assertNoPersonalData(texts, who, {
        confirmed: [{ ...confirmed[0], field: "publicQuestion" }] as never,
      }),
    ).toThrow(AppError);
    // The requester's own name is refused even when "confirmed".
    expect(() =>
      assertNoPersonalData(["Ông Trần Văn Nam hỏi"], who, {
        confirmed: [{ kind: "name", text: "Trần Văn Nam" }],
      }),
    ).toThrow(/người gửi|thông tin cá nhân/);
  });

  it("keeps the old call shape: a list of texts and the requester", () => {
    expect(assertNoPersonalData(["Tiêm vào thứ Bảy.", "Bệnh viện Nhi Thanh Hóa."], who)).toEqual([]);
  });
});
