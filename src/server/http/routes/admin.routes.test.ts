import type { LightMyRequestResponse } from "fastify";
import { describe, expect, it } from "vitest";
import {
  agencyView,
  auditPage,
  fieldView,
  refusalReasonView,
  userView,
} from "../../../shared/schemas/admin.js";
import { listOf } from "../../../shared/schemas/common.js";
import { error, json } from "../../../test/http.js";
import { signIn } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";

// Administration through HTTP (Art. 15; R-SE1 accounts, R-KB2 directory, R-IN2 fields, R-IN4 reasons).
describe("administration API", () => {
  const s = useStaffApp({ seed: "demo", users: ["admin"] });

  /** The administrator's writes. */
  const post = (url: string, payload: object) => s.admin.inject({ method: "POST", url, payload });
  const patch = (url: string, payload: object) => s.admin.inject({ method: "PATCH", url, payload });
  const password = "mat-khau-so-1";
  /** Creates an account with `password` unless the body gives another. */
  const createUser = (body: object) => post("/api/v1/admin/users", { password, ...body });
  const audit = async (entity: string, entityId: string) =>
    json(
      await s.admin.inject({
        method: "GET",
        url: `/api/v1/admin/audit?entity=${entity}&entityId=${entityId}`,
      }),
      auditPage,
    );

  it("lists the directory for any staff, with hotline numbers and focal points (R-KB2)", async () => {
    const operator = await signIn(s.t.app, "operator");
    const res = await operator.inject({ method: "GET", url: `/api/v1/agencies/${s.syt}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: "SYT", name: "Sở Y tế", kind: "department" });
    expect(res.json().focalPoints.map((f: { fullName: string }) => f.fullName)).toEqual(["Nguyễn Văn Minh"]);
    const communes = await operator.inject({ method: "GET", url: "/api/v1/agencies?kind=commune" });
    expect(communes.json().items).toHaveLength(166);
    const fields = await s.t.app.inject({ method: "GET", url: "/api/v1/public/fields" });
    expect(fields.json().items).toHaveLength(9);
    expect(Object.keys(fields.json().items[0]).sort()).toEqual(["code", "description", "name"]);
  });

  it("creates a focal point, never returns or audits the password hash, and the user can sign in", async () => {
    const res = await createUser({
      username: "Tran.An",
      fullName: "Trần An",
      role: "focal_point",
      agencyId: s.syt,
    });
    const user = json(res, userView, 201);
    expect(user).toMatchObject({
      username: "tran.an",
      role: "focal_point",
      agencyName: "Sở Y tế",
      active: true,
    });
    expect(res.body).not.toMatch(/argon2|password/i);
    const log = await audit("user", user.id);
    expect(log.items[0]?.kind).toBe("user.created");
    expect(JSON.stringify(log)).not.toMatch(/argon2|password_hash|mat-khau/);
    expect((await signIn(s.t.app, "tran.an", password)).me.user.agencyId).toBe(s.syt);
  });

  it("rejects bad input with per-field Vietnamese messages (400) and duplicates with 409", async () => {
    const bad = await createUser({ username: "x", password: "short", fullName: "", role: "focal_point" });
    const { details } = error(bad, 400);
    expect(details?.map((d) => d.field)).toEqual(
      expect.arrayContaining(["username", "password", "fullName"]),
    );
    expect(details?.[0]?.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    const noAgency = await createUser({
      username: "no-agency",
      fullName: "Không Cơ Quan",
      role: "agency_leader",
    });
    expect(error(noAgency, 400).details?.[0]?.field).toBe("agencyId");
    const dup = await createUser({ username: "focal", fullName: "Trùng", role: "operator" });
    expect(error(dup, 409).code).toBe("DUPLICATE");
    const dupAgency = await post("/api/v1/admin/agencies", {
      code: "SYT",
      name: "Sở Y tế 2",
      kind: "department",
    });
    expect(error(dupAgency, 409).code).toBe("DUPLICATE");
  });

  // 5 Dec 2026, a walk of the console: an operator could be given an agency and a phone «abc».
  it("only focal points and leaders take an agency, and a staff phone is a phone; each refusal says why in its message", async () => {
    const notForRole =
      "Chỉ cán bộ đầu mối và lãnh đạo cơ quan thuộc một cơ quan; với vai trò này, hãy bỏ chọn cơ quan";
    const fullName = "Vai Trò Thử";
    for (const role of ["operator", "coordinator", "admin"]) {
      const refused = error(
        await createUser({ fullName, username: `co-quan-${role}`, role, agencyId: s.syt }),
        400,
      );
      // The response's message is the rule's own: the console's dialog reads it out.
      expect(refused).toMatchObject({
        code: "VALIDATION",
        message: notForRole,
        details: [{ field: "agencyId", code: "agency_not_for_role", message: notForRole }],
      });
    }
    const badPhone = error(
      await createUser({ fullName, username: "so-abc", role: "operator", phone: "abc" }),
      400,
    );
    expect(badPhone.details).toEqual([
      expect.objectContaining({
        field: "phone",
        message: "Số điện thoại chỉ gồm chữ số (ví dụ 0912 345 678)",
      }),
    ]);
    const users = json(await s.admin.inject({ url: "/api/v1/admin/users" }), listOf(userView));
    expect(
      users.items.filter((u) =>
        ["co-quan-operator", "co-quan-coordinator", "co-quan-admin", "so-abc"].includes(u.username),
      ),
    ).toEqual([]);

    // A fullwidth phone is the ASCII one (as the desk's); a cleared one is none.
    const focal = json(
      await createUser({
        fullName,
        username: "dau-moi-2",
        role: "focal_point",
        agencyId: s.syt,
        phone: "０９１２ ３４５ ６７８",
      }),
      userView,
      201,
    );
    expect(focal.phone).toBe("0912 345 678");
    expect(
      error(await patch(`/api/v1/admin/users/${focal.id}`, { phone: "12abc" }), 400).details?.[0]?.field,
    ).toBe("phone");
    // Made an operator, the agency it keeps is the same contradiction until the edit clears it.
    const kept = error(await patch(`/api/v1/admin/users/${focal.id}`, { role: "operator" }), 400);
    expect(kept.details?.[0]).toMatchObject({ field: "agencyId", code: "agency_not_for_role" });
    const operator = json(
      await patch(`/api/v1/admin/users/${focal.id}`, { role: "operator", agencyId: null, phone: "" }),
      userView,
    );
    expect(operator).toMatchObject({ role: "operator", agencyId: null, agencyName: null, phone: null });
    const noAgency = error(await patch(`/api/v1/admin/users/${focal.id}`, { role: "focal_point" }), 400);
    expect(noAgency.message).toBe("Cán bộ đầu mối và lãnh đạo cơ quan phải thuộc một cơ quan");
  });

  it("deactivates a user (sessions end), resets a password (lock lifted) and refuses self-lock-out", async () => {
    const created = json(
      await createUser({ username: "tam.thoi", fullName: "Tạm Thời", role: "operator" }),
      userView,
      201,
    );
    const session = await signIn(s.t.app, "tam.thoi", password);
    const off = await patch(`/api/v1/admin/users/${created.id}`, { active: false });
    expect(json(off, userView).active).toBe(false);
    expect((await session.inject({ method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
    await patch(`/api/v1/admin/users/${created.id}`, { active: true });
    const reset = await post(`/api/v1/admin/users/${created.id}/password`, { password: "mat-khau-moi" });
    expect(reset.statusCode).toBe(204);
    expect((await signIn(s.t.app, "tam.thoi", "mat-khau-moi")).me.user.username).toBe("tam.thoi");
    const kinds = (await audit("user", created.id)).items.map((e) => e.kind);
    expect(kinds).toEqual(["user.password_reset", "user.updated", "user.deactivated", "user.created"]);
    const self = await patch(`/api/v1/admin/users/${s.admin.me.user.id}`, { active: false });
    expect(self.statusCode).toBe(400);
  });

  it("edits an agency's hotline numbers and coordinator flag, recording before and after (R-KB2)", async () => {
    const res = await patch(`/api/v1/admin/agencies/${s.syt}`, {
      hotlineNumbers: ["0237 3852 017", "+84 237 385 2018"],
      email: "syt@thanhhoa.gov.vn",
    });
    expect(json(res, agencyView).hotlineNumbers).toEqual(["02373852017", "+842373852018"]);
    const [event] = (await audit("agency", s.syt)).items;
    expect(event?.kind).toBe("agency.updated");
    expect(event?.actorLabel).toBe("Hoàng Minh Quân");
    expect(event?.data).toMatchObject({ after: { hotlineNumbers: ["02373852017", "+842373852018"] } });
    const created = await post("/api/v1/admin/agencies", {
      code: "BQLKKT",
      name: "Ban Quản lý Khu kinh tế Nghi Sơn",
      kind: "other",
    });
    expect(json(created, agencyView, 201).code).toBe("BQLKKT");
  });

  it("an agency code that differs only in case is a duplicate, on create and edit (migration 0036)", async () => {
    const refused = (res: LightMyRequestResponse) => {
      const { code, details } = error(res, 409);
      expect(code).toBe("DUPLICATE");
      expect(details).toEqual([expect.objectContaining({ field: "code", code: "duplicate" })]);
    };
    refused(
      await post("/api/v1/admin/agencies", { code: "syt", name: "Sở Y tế (chữ thường)", kind: "department" }),
    );
    const other = json(
      await post("/api/v1/admin/agencies", {
        code: "BQLDA",
        name: "Ban Quản lý dự án",
        kind: "other",
      }),
      agencyView,
      201,
    );
    refused(await patch(`/api/v1/admin/agencies/${other.id}`, { code: "Syt" }));
    // Its own code in another case is an edit of itself, not a duplicate.
    expect(json(await patch(`/api/v1/admin/agencies/${other.id}`, { code: "bqlda" }), agencyView).code).toBe(
      "bqlda",
    );
  });

  it("an edit keeps what the body leaves out, and an unknown agency or field is a 404 that writes nothing", async () => {
    const before = json(
      await s.admin.inject({ method: "GET", url: `/api/v1/agencies/${s.syt}` }),
      agencyView,
    );
    const renamed = json(
      await patch(`/api/v1/admin/agencies/${s.syt}`, { name: "Sở Y tế tỉnh" }),
      agencyView,
    );
    expect(renamed).toMatchObject({ name: "Sở Y tế tỉnh", code: before.code, kind: before.kind });
    expect(renamed.hotlineNumbers).toEqual(before.hotlineNumbers);
    // null clears a value that may be empty; leaving it out keeps it.
    const withEmail = json(
      await patch(`/api/v1/admin/agencies/${s.syt}`, { email: "syt@thanhhoa.gov.vn" }),
      agencyView,
    );
    expect(withEmail.email).toBe("syt@thanhhoa.gov.vn");
    expect(json(await patch(`/api/v1/admin/agencies/${s.syt}`, { active: true }), agencyView).email).toBe(
      "syt@thanhhoa.gov.vn",
    );
    expect(
      json(await patch(`/api/v1/admin/agencies/${s.syt}`, { email: null }), agencyView).email,
    ).toBeNull();
    await patch(`/api/v1/admin/agencies/${s.syt}`, { name: before.name, email: before.email });

    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(error(await patch(`/api/v1/admin/agencies/${unknown}`, { name: "Không có" }), 404).code).toBe(
      "NOT_FOUND",
    );
    expect(error(await patch("/api/v1/admin/fields/999999", { name: "Không có" }), 404).code).toBe(
      "NOT_FOUND",
    );
    expect((await audit("agency", unknown)).items).toEqual([]);
    expect((await audit("field", "999999")).items).toEqual([]);
  });

  it("creates, edits and deactivates fields and refusal reasons", async () => {
    const field = json(
      await post("/api/v1/admin/fields", { code: "thien-tai", name: "Phòng, chống thiên tai" }),
      fieldView,
      201,
    );
    expect(field.sortOrder).toBe(100);
    const off = await patch(`/api/v1/admin/fields/${field.id}`, { active: false });
    expect(json(off, fieldView).active).toBe(false);
    expect((await s.t.app.inject({ method: "GET", url: "/api/v1/public/fields" })).json().items).toHaveLength(
      9,
    );
    const badCode = await post("/api/v1/admin/fields", { code: "Có dấu", name: "X" });
    expect(error(badCode, 400).details?.[0]?.field).toBe("code");
    const reason = json(
      await post("/api/v1/admin/refusal-reasons", {
        code: "het-hieu-luc",
        text: "Nội dung đã hết hiệu lực",
      }),
      refusalReasonView,
      201,
    );
    const edited = await patch(`/api/v1/admin/refusal-reasons/${reason.id}`, {
      text: "Quy định đã hết hiệu lực",
    });
    expect(json(edited, refusalReasonView).text).toBe("Quy định đã hết hiệu lực");
    const log = await audit("refusal_reason", String(reason.id));
    expect(log.items.map((e) => e.kind)).toEqual(["refusal_reason.updated", "refusal_reason.created"]);
  });

  it("lets the coordinator read the audit log but not change the directory", async () => {
    const coordinator = await signIn(s.t.app, "coordinator");
    expect(
      (await coordinator.inject({ method: "GET", url: "/api/v1/admin/audit?entity=user" })).statusCode,
    ).toBe(200);
    const res = await coordinator.inject({
      method: "PATCH",
      url: `/api/v1/admin/agencies/${s.syt}`,
      payload: { name: "X" },
    });
    expect(res.statusCode).toBe(403);
  });

  it("gives a request's entries the request's code, read with the page (thirty-seventh session)", async () => {
    const log = json(
      await s.admin.inject({ method: "GET", url: "/api/v1/admin/audit?entity=request&pageSize=5" }),
      auditPage,
    );
    expect(log.items.length).toBeGreaterThan(0);
    for (const e of log.items) expect(e.requestCode).toMatch(/^\d{4}-[A-Z0-9]{6}$/);
    const users = json(
      await s.admin.inject({ method: "GET", url: "/api/v1/admin/audit?entity=user" }),
      auditPage,
    );
    expect(users.items.map((e) => e.requestCode)).toEqual(users.items.map(() => null));
  });
});
