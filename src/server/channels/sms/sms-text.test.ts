import { describe, expect, it } from "vitest";
import { composeSms, plainVietnamese, segmentsOf } from "./sms-text.js";

const code = "2603-7K4M";
const link = `https://1022.thanhhoa.gov.vn/theo-doi/${"A".repeat(43)}`;
const ackBody = `Tổng đài 1022 đã tiếp nhận yêu cầu của bạn. Mã yêu cầu: ${code}.\nBạn có thể tra cứu…\nTheo dõi tiến độ: ${link}`;
const publicUrl = "https://1022.thanhhoa.gov.vn";
const longAnswer = `Kết quả trả lời yêu cầu ${code}:\n${"Theo quy định tại Nghị định số 15/2018/NĐ-CP, hồ sơ gồm đơn đề nghị, bản sao giấy tờ tùy thân và giấy xác nhận của Ủy ban nhân dân xã. ".repeat(6)}\n— Sở Y tế`;

describe("SMS text: plain Vietnamese within the gateway's length rules", () => {
  it("strips diacritics to the GSM-7 alphabet", () => {
    expect(plainVietnamese("Tổng đài 1022 — Đã tiếp nhận “yêu cầu”…")).toBe(
      'Tong dai 1022 - Da tiep nhan "yeu cau"...',
    );
    expect(segmentsOf(plainVietnamese("Ứng dụng Ủy ban Đường ưu tiên ỡ ự")).encoding).toBe("GSM-7");
  });

  for (const diacritics of [false, true]) {
    for (const maxSegments of [1, 2, 3]) {
      it(`acknowledgement, diacritics ${diacritics ? "on" : "off"}, at most ${maxSegments} segment(s): code and link whole`, () => {
        const text = composeSms(
          { kind: "acknowledgement", code, body: ackBody },
          { diacritics, maxSegments, publicUrl },
        );
        expect(text).toContain(code);
        expect(text).toContain(link);
        const { segments, encoding } = segmentsOf(text);
        expect(encoding).toBe(diacritics ? "UCS-2" : "GSM-7");
        // One UCS-2 segment (70 characters) cannot hold an 81-character link: the short form, whole.
        if (!(diacritics && maxSegments === 1)) expect(segments).toBeLessThanOrEqual(maxSegments);
        if (!diacritics) expect(text).toMatch(/^Tong dai 1022 da tiep nhan|^1022 da nhan/);
      });
    }
  }

  it("a long answer is shortened at a word, never its code or link, and says where the rest is", () => {
    for (const diacritics of [false, true]) {
      const text = composeSms(
        { kind: "answer_published", code, body: longAnswer },
        { diacritics, maxSegments: 3, publicUrl },
      );
      expect(segmentsOf(text).segments).toBeLessThanOrEqual(3);
      expect(text).toContain(code);
      expect(text).toContain(`${publicUrl}/tra-cuu`);
      expect(text).toMatch(diacritics ? /Theo quy định.*…/ : /Theo quy dinh.*\.\.\./);
      // Cut between words: the character before the ellipsis ends a whole word of the original.
      const before = text.split(diacritics ? "…" : "...")[0] ?? "";
      const lastWord = before.split(" ").at(-1) ?? "";
      const source = diacritics ? longAnswer : plainVietnamese(longAnswer);
      expect(source.split(/\s+/)).toContain(lastWord);
    }
  });

  it("needs verification: the code, the agency and the date fit in one plain segment", () => {
    const body = `Yêu cầu ${code} cần được xác minh, kiểm tra. Sở Y tế sẽ trả lời trước 16:30 20/03/2026.`;
    const text = composeSms(
      { kind: "verifying", code, body },
      { diacritics: false, maxSegments: 1, publicUrl },
    );
    expect(text).toBe(
      `Yeu cau ${code} can duoc xac minh, kiem tra. So Y te se tra loi truoc 16:30 20/03/2026.`,
    );
    expect(segmentsOf(text).segments).toBe(1);
  });

  it("a short answer goes whole; other messages keep their code and any link", () => {
    const short = composeSms(
      { kind: "answer_published", code, body: `Kết quả trả lời yêu cầu ${code}:\nĐã tiêm đủ.\n— Sở Y tế` },
      { diacritics: true, maxSegments: 3, publicUrl },
    );
    expect(short).toContain("Đã tiêm đủ.");
    const follow = composeSms(
      { kind: "follow_link", code, body: `Đường dẫn mới để theo dõi yêu cầu ${code}: ${link}` },
      { diacritics: false, maxSegments: 2, publicUrl },
    );
    expect(follow).toContain(link);
    expect(follow).toContain(code);
  });
});
