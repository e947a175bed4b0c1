import { describe, expect, it } from "vitest";
import { useStaffApp } from "../../../test/staff-app.js";
import { until } from "../../../test/until.js";

/**
 * Issue 16: /hoi-dap is served from the page cache (page-cache.ts: 3 s, cleared on every
 * publication and takedown through the relay). Outside tests the cache is on, so this app runs as
 * in development: a changed published answer must show on the next page, never a stale one past
 * the cache's few seconds, plain and gzip alike.
 */
describe("published answers page after a publication change (cache on)", () => {
  const s = useStaffApp({ NODE_ENV: "development", now: new Date("2026-03-10T09:00:00+07:00") });
  const page = async (gzip = false) => {
    const res = await s.t.app.inject({
      method: "GET",
      url: "/hoi-dap",
      headers: gzip ? { "accept-encoding": "gzip" } : {},
    });
    expect(res.statusCode).toBe(200);
    return gzip ? (await import("node:zlib")).gunzipSync(res.rawPayload).toString("utf8") : res.body;
  };
  // The relay delivers the change to every process; 3 s is the cache's own bound besides.
  const shows = (text: string, gzip = false) =>
    until(`/hoi-dap${gzip ? " (gzip)" : ""} shows «${text}»`, 4_000, async () =>
      (await page(gzip)).includes(text) ? true : undefined,
    );
  const hides = (text: string, gzip = false) =>
    until(`/hoi-dap${gzip ? " (gzip)" : ""} no longer shows «${text}»`, 4_000, async () =>
      (await page(gzip)).includes(text) ? undefined : true,
    );

  it("a new publication, a takedown and a republished (changed) answer each show", async () => {
    const first = "Trẻ em dưới 12 tuổi được tiêm tại trạm y tế phường vào thứ Bảy hằng tuần.";
    const changed = "Trẻ em dưới 12 tuổi được tiêm tại […] vào thứ Bảy hằng tuần.";
    // Cached before anything is published: the page exists in both encodings.
    expect(await page()).not.toContain(first);
    expect(await page(true)).not.toContain(first);

    let p = await s.published(first, { content: "Lịch tiêm vắc xin cho trẻ em dưới 12 tuổi ở phường?" });
    await shows(first);
    await shows(first, true);

    p = await s.drive.actOk(s.coordinator, p, "takedown", { reason: "Nêu tên cơ sở cũ." });
    await hides(first);
    await hides(first, true);

    await s.drive.actOk(s.focal, p, "publish", { publicAnswer: changed });
    await shows(changed);
    await shows(changed, true);
    expect(await page()).not.toContain(first);
  });
});
