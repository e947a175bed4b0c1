import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { vi } from "../i18n/vi/index.js";
import { requesterOf } from "./Badges.js";

describe("requesterOf (a request list's requester and channel)", () => {
  it("names the requester, else the phone, else nobody; the channel by its word", async () => {
    const instance = i18next.createInstance();
    await instance.init({ resources: { vi: { translation: vi } }, lng: "vi" });
    const t = instance.t;
    expect(
      requesterOf({ requesterName: "Ngô Thị Lan", requesterPhone: "0987654321", channel: "portal" }, t),
    ).toEqual({ who: "Ngô Thị Lan", channel: "Cổng thông tin" });
    expect(requesterOf({ requesterName: null, requesterPhone: "0987654321", channel: "phone" }, t).who).toBe(
      "0987654321",
    );
    expect(requesterOf({ requesterName: null, requesterPhone: null, channel: "email" }, t).who).toBeNull();
  });
});
