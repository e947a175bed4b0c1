import { describe, expect, it } from "vitest";
import { signIn } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";

interface Audit {
  items: {
    kind: string;
    entity: string;
    entityId: string;
    actorLabel: string;
    data: Record<string, unknown>;
  }[];
}

// Administration through HTTP (Art. 15; R-SE1 accounts, R-KB2 directory, R-IN2 fields, R-IN4 reasons).
describe("administration API", () => {
  const s = useStaffApp({ seed: "demo", users: ["admin"] });

  /** The administrator's writes. */
  const post = (url: string, payload: object) => s.admin.inject({ method: "POST", url, payload });
  const patch = (url: string, payload: object) => s.admin.inject({ method: "PATCH", url, payload });
  const audit = async (entity: string, entityId: string): Promise<Audit> =>
    (
      await s.admin.inject({
        method: "GET",
        url: `/api/v1/admin/audit?entity=${entity}&entityId=${entityId}`,
      })
    ).json();

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
    const res = await post("/api/v1/admin/users", {
      username: "Tran.An",
      password: "mat-khau-so-1",
      fullName: "Trần An",
      role: "focal_point",
      agencyId: s.syt,
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
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
    expect((await signIn(s.t.app, "tran.an", "mat-khau-so-1")).me.user.agencyId).toBe(s.syt);
  });

  it("rejects bad input with per-field Vietnamese messages (400) and duplicates with 409", async () => {
    const bad = await post("/api/v1/admin/users", {
      username: "x",
      password: "short",
      fullName: "",
      role: "focal_point",
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["username", "password", "fullName"]));
    expect(bad.json().error.details[0].message).toMatch(
      /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i,
    );
    const noAgency = await post("/api/v1/admin/users", {
      username: "no-agency",
      password: "mat-khau-so-1",
      fullName: "Không Cơ Quan",
      role: "agency_leader",
    });
    expect(noAgency.statusCode).toBe(400);
    expect(noAgency.json().error.details[0].field).toBe("agencyId");
    const dup = await post("/api/v1/admin/users", {
      username: "focal",
      password: "mat-khau-so-1",
      fullName: "Trùng",
      role: "operator",
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe("DUPLICATE");
    const dupAgency = await post("/api/v1/admin/agencies", {
      code: "SYT",
      name: "Sở Y tế 2",
      kind: "department",
    });
    expect(dupAgency.statusCode).toBe(409);
  });

  it("deactivates a user (sessions end), resets a password (lock lifted) and refuses self-lock-out", async () => {
    const created = (
      await post("/api/v1/admin/users", {
        username: "tam.thoi",
        password: "mat-khau-so-1",
        fullName: "Tạm Thời",
        role: "operator",
      })
    ).json();
    const session = await signIn(s.t.app, "tam.thoi", "mat-khau-so-1");
    const off = await patch(`/api/v1/admin/users/${created.id}`, { active: false });
    expect(off.json().active).toBe(false);
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
    expect(res.statusCode).toBe(200);
    expect(res.json().hotlineNumbers).toEqual(["02373852017", "+842373852018"]);
    const [event] = (await audit("agency", s.syt)).items;
    expect(event?.kind).toBe("agency.updated");
    expect(event?.actorLabel).toBe("Hoàng Minh Quân");
    expect(event?.data).toMatchObject({ after: { hotlineNumbers: ["02373852017", "+842373852018"] } });
    const created = await post("/api/v1/admin/agencies", {
      code: "BQLKKT",
      name: "Ban Quản lý Khu kinh tế Nghi Sơn",
      kind: "other",
    });
    expect(created.statusCode).toBe(201);
  });

  it("an agency code that differs only in case is a duplicate, on create and edit (migration 0036)", async () => {
    const refused = (res: { statusCode: number; json(): { error: { code: string; details: unknown } } }) => {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("DUPLICATE");
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ field: "code", code: "duplicate" }),
      ]);
    };
    refused(
      await post("/api/v1/admin/agencies", { code: "syt", name: "Sở Y tế (chữ thường)", kind: "department" }),
    );
    const other = await post("/api/v1/admin/agencies", {
      code: "BQLDA",
      name: "Ban Quản lý dự án",
      kind: "other",
    });
    expect(other.statusCode).toBe(201);
    refused(await patch(`/api/v1/admin/agencies/${other.json().id}`, { code: "Syt" }));
    // Its own code in another case is an edit of itself, not a duplicate.
    expect((await patch(`/api/v1/admin/agencies/${other.json().id}`, { code: "bqlda" })).json().code).toBe(
      "bqlda",
    );
  });

  it("creates, edits and deactivates fields and refusal reasons", async () => {
    const field = await post("/api/v1/admin/fields", { code: "thien-tai", name: "Phòng, chống thiên tai" });
    expect(field.statusCode).toBe(201);
    expect(field.json().sortOrder).toBe(100);
    const off = await patch(`/api/v1/admin/fields/${field.json().id}`, { active: false });
    expect(off.json().active).toBe(false);
    expect((await s.t.app.inject({ method: "GET", url: "/api/v1/public/fields" })).json().items).toHaveLength(
      9,
    );
    const badCode = await post("/api/v1/admin/fields", { code: "Có dấu", name: "X" });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.details[0].field).toBe("code");
    const reason = await post("/api/v1/admin/refusal-reasons", {
      code: "het-hieu-luc",
      text: "Nội dung đã hết hiệu lực",
    });
    expect(reason.statusCode).toBe(201);
    const edited = await patch(`/api/v1/admin/refusal-reasons/${reason.json().id}`, {
      text: "Quy định đã hết hiệu lực",
    });
    expect(edited.json().text).toBe("Quy định đã hết hiệu lực");
    const log = await audit("refusal_reason", String(reason.json().id));
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
});
