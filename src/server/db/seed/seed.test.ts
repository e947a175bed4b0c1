import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/hooks.js";
import { listAgencies } from "../repositories/agency.repository.js";
import { fieldTable } from "../repositories/field.repository.js";
import { refusalReasonTable } from "../repositories/refusal-reason.repository.js";
import { seedReference } from "./reference.js";

describe("reference seed (R-IN2, R-KB2)", () => {
  const t = useTestApp({ seed: "none" });

  it("seeds 166 communes, the departments, the nine fields of Art. 5 and refusal reasons", async () => {
    const first = await seedReference(t.ctx.db);
    expect(first.fields).toBe(9);
    expect(first.refusalReasons).toBeGreaterThanOrEqual(5);
    const agencies = await listAgencies(t.ctx.db);
    expect(agencies.filter((a) => a.kind === "commune")).toHaveLength(166);
    expect(agencies.every((a) => a.kind !== "commune" || /^UBND (Xã|Phường) /.test(a.name))).toBe(true);
    // Production starts with no invented hotline numbers.
    expect(agencies.every((a) => a.hotline_numbers.length === 0)).toBe(true);
    const coordinators = agencies.filter((a) => a.is_coordinator);
    expect(coordinators.map((a) => a.code)).toEqual(["SKHCN"]);
    const fields = await fieldTable.list(t.ctx.db);
    expect(fields.map((f) => f.code)).toEqual([
      "tinh-hinh-dich",
      "dich-te-cach-ly",
      "y-te-xet-nghiem-tiem-phong",
      "an-sinh-xa-hoi",
      "ho-tro-nhan-dao",
      "giao-thong-thuong-mai-an-ninh",
      "phan-anh-vi-pham",
      "thong-tin-tuyen-truyen",
      "khac",
    ]);
    expect((await refusalReasonTable.list(t.ctx.db)).map((r) => r.code)).toContain("khong-tieng-viet");
  });

  it("is idempotent and never re-adds what an administrator removed", async () => {
    const again = await seedReference(t.ctx.db);
    expect(again).toEqual({ agencies: 0, fields: 0, refusalReasons: 0 });
    expect(await listAgencies(t.ctx.db, { includeInactive: true })).toHaveLength(185);
  });
});
