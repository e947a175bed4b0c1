import { describe, expect, it } from "vitest";
import { z } from "zod";
import { kbList, kbSearchHit } from "../../shared/schemas/kb.js";
import { useTestApp } from "../../test/hooks.js";
import { json } from "../../test/http.js";
import { signIn } from "../../test/staff.js";

describe("demo Q&A entries (R-KB1)", () => {
  const t = useTestApp({ seed: "demo" });

  it("are published by the administrator, with one draft, one proposal and one expired entry", async () => {
    const admin = await signIn(t.app, "admin");
    const list = json(await admin.inject({ method: "GET", url: "/api/v1/kb/entries?pageSize=200" }), kbList);
    expect(list.items.length).toBeGreaterThanOrEqual(30);
    expect(list.items.filter((e) => e.status === "draft")).toHaveLength(1);
    expect(list.items.filter((e) => e.status === "proposed")).toHaveLength(1);
    expect(list.items.filter((e) => e.needsReview)).toHaveLength(1);
    const hits = json(
      await t.app.inject({
        method: "GET",
        url: "/api/v1/public/kb/search?q=tong%20dai%201022%20lam%20viec%20gio%20nao",
      }),
      z.array(kbSearchHit),
    );
    expect(hits[0]?.question).toBe("Tổng đài 1022 làm việc vào giờ nào?");
  });
});
