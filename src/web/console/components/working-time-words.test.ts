import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { en } from "../i18n/en/index.js";
import { vi } from "../i18n/vi/index.js";
import { workingTimeWords } from "./working-time-words.js";

async function translator(lng: "vi" | "en") {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng,
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

describe("workingTimeWords (the console's countdown)", () => {
  it("says time left or late by, in working hours", async () => {
    const t = await translator("vi");
    expect(workingTimeWords(t, 1, false)).toBe("Còn 1 giờ làm việc");
    expect(workingTimeWords(t, -3, true)).toBe("Trễ 3 giờ làm việc");
    expect(workingTimeWords(t, 2.5, false)).toBe("Còn 2 giờ 30 phút làm việc");
  });

  it("says minutes under an hour, rounded to the minute, never '0,2 giờ'", async () => {
    const t = await translator("vi");
    expect(workingTimeWords(t, 0.2, false)).toBe("Còn 12 phút làm việc");
    expect(workingTimeWords(t, -0.25, true)).toBe("Trễ 15 phút làm việc");
    expect(workingTimeWords(t, 7.999, false)).toBe("Còn 8 giờ làm việc");
    expect(workingTimeWords(t, -40.5, true)).toBe("Trễ 40 giờ 30 phút làm việc");
  });

  it("says «Quá hạn» past a deadline by under a working minute (at night after a 17:00 deadline), not «Trễ 0 phút»", async () => {
    const t = await translator("vi");
    expect(workingTimeWords(t, -0.001, true)).toBe("Quá hạn");
    expect(workingTimeWords(t, 0, true)).toBe("Quá hạn");
    expect(workingTimeWords(t, -1 / 60, true)).toBe("Trễ 1 phút làm việc");
    expect(workingTimeWords(await translator("en"), 0, true)).toBe("Overdue");
  });

  it("has the same shapes in English", async () => {
    const t = await translator("en");
    expect(workingTimeWords(t, 0.2, false)).toBe("12 min of working time left");
  });
});
