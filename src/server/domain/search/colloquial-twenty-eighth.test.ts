import { describe, it } from "vitest";
import { expectLeftAsTyped, expectReadings, expectRetrievals } from "./search.fixture.js";

// Issue 16, 6 Dec 2026 (thirty-ninth session): the wordings kept after batch 28 was measured untuned.
describe("colloquial and regional words (issue 16), batch 28", () => {
  it("reads batch 28's everyday wording (trẻ mắc, có ai tử vong)", () => {
    expectReadings({ "tre mac": ["tre nhiem"], "ai tu vong": ["ghi nhan tu vong"] });
    // Measured and left out: "mắc" (or "mắc covid") → also "nhiễm" for every query.
    expectLeftAsTyped(["mac covid", "mac benh"]);
    expectRetrievals([
      [
        "trẻ mắc covid nặng chữa thế nào",
        "Điều trị cho trẻ nhiễm COVID-19 mức độ nặng thế nào?",
        "Trẻ em mắc COVID-19 nặng có nguy hiểm không, chăm sóc thế nào?",
        "tre-nhiem",
      ],
      [
        "tiêm astrazeneca có ai tử vong chưa",
        "Những phản ứng nặng nhất, gây tử vong, đã ghi nhận sau khi tiêm vaccine AstraZeneca là gì, cần lưu ý dấu hiệu nào?",
        "Tiêm đủ hai mũi rồi mắc COVID-19 có tử vong không?",
        "ghi-nhan",
      ],
    ]);
  });
});
