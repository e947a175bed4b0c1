import { beforeAll, describe, expect, it } from "vitest";
import { routingSuggestionsResponse } from "../../../shared/schemas/routing.js";
import { json } from "../../../test/http.js";
import type { StaffSession } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";

/**
 * GET /api/v1/requests/:id/routing-suggestions (issue 19) on a real database: earlier forwards are
 * made through the API, then a new request naming a commune by its name before the 2025 merger gets
 * that commune's People's Committee first, and a health question gets the Department of Health.
 */
describe("routing suggestions", () => {
  const s = useStaffApp({ users: ["operator", "admin"] });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    for (const code of ["SYT", "SXD", "16549", "14797"]) ids[code] = await s.drive.agencyId(code);
    const forward = async (content: string, field: string, agency: string) => {
      const d = await s.drive.create(s.operator, { content, field, channel: "portal" });
      await s.drive.actOk(s.operator, d, "forward", { agencyId: ids[agency] });
    };
    // Earlier forwarding: health questions to the Department; local order matters to communes.
    for (const n of [1, 2, 3, 4, 5, 6])
      await forward(
        `Hỏi lịch tiêm vắc xin mũi ${n} cho trẻ ở trạm y tế`,
        "y-te-xet-nghiem-tiem-phong",
        "SYT",
      );
    await forward("Hố ga giữa đường ở xã Tiên Trang bị vỡ nắp", "phan-anh-vi-pham", "16549");
    await forward("Xã Quảng Nham cũ có bãi rác tự phát ven đê", "phan-anh-vi-pham", "16549");
    await forward("Quán karaoke ở phường Hạc Thành hát quá 23 giờ", "phan-anh-vi-pham", "14797");
    await forward("Công trình xây dựng lấn chiếm vỉa hè trên quốc lộ", "phan-anh-vi-pham", "SXD");
    await forward("Xây nhà không phép cạnh trường học", "phan-anh-vi-pham", "SXD");
  });

  const suggest = async (as: StaffSession, id: string) =>
    as.inject({ method: "GET", url: `/api/v1/requests/${id}/routing-suggestions` });

  /** The operator's suggestions for a new portal request with this text and field. */
  const suggestionsFor = async (content: string, field: string) => {
    const d = await s.drive.create(s.operator, { content, field, channel: "portal" });
    return json(await suggest(s.operator, d.id), routingSuggestionsResponse);
  };

  it("a commune named by its name before the 2025 merger: its People's Committee first", async () => {
    const res = await suggestionsFor(
      "Đường liên thôn ở xã Quảng Nham, huyện Quảng Xương bị sạt lở, xe không đi được",
      "phan-anh-vi-pham",
    );
    expect(res.places).toEqual([
      { code: "16549", name: "Xã Tiên Trang", formerName: "Xã Quảng Nham", weight: 1 },
    ]);
    expect(res.suggestions[0]).toMatchObject({ agencyCode: "16549", agencyName: "UBND Xã Tiên Trang" });
    expect(res.suggestions[0]?.reasons.join(" ")).toContain("tên cũ: Xã Quảng Nham");
    expect(res.suggestions[0]?.reasons).toContain("Đã nhận 2/2 yêu cầu lĩnh vực này ở cùng địa bàn");
    expect(res.suggestions.map((s) => s.agencyCode)).toContain("SXD");
    expect(res.historySize).toBe(11);
  });

  it("a health question naming no place in its text: the Department of Health first, the address's commune after", async () => {
    const res = await suggestionsFor(
      "Con tôi 5 tuổi cần tiêm nhắc lại vắc xin sởi ở đâu?",
      "y-te-xet-nghiem-tiem-phong",
    );
    // The text names no place, so the requester's address does ("…, phường Hạc Thành").
    expect(res.places.map((p) => p.name)).toEqual(["Phường Hạc Thành"]);
    expect(res.suggestions.map((s) => s.agencyCode)).toEqual(["SYT", "14797", "SXD"]);
    // Sở Xây dựng only through the general habit of all fields (smoothing), far behind.
    expect(res.suggestions[2]?.reasons).toEqual(["Đã nhận 2/11 yêu cầu các lĩnh vực trước đây"]);
    expect(res.suggestions[0]?.reasons).toContain("Đã nhận 6/6 yêu cầu lĩnh vực này trước đây");
    expect(res.suggestions[0]?.score).toBeGreaterThan(3 * (res.suggestions[1]?.score ?? 1));
  });

  it("the administrator may not ask (no forwarding right); an unknown request is 404", async () => {
    const d = await s.drive.create(s.operator);
    expect((await suggest(s.admin, d.id)).statusCode).toBe(403);
    expect((await suggest(s.operator, "00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
  });
});
