import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../test/hooks.js";
import { signIn } from "../../test/staff.js";
import { agencyTable } from "../db/repositories/agency.repository.js";
import { listEvents } from "../db/repositories/event.repository.js";
import { fieldTable } from "../db/repositories/field.repository.js";
import { runAdminCommand } from "./admin-commands.js";

// Art. 15, R-KB2: agencies and fields imported by an administrator command; changes recorded.
describe("admin CLI", () => {
  const t = useTestApp({ seed: "reference" });
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "admin-cli-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    const code = await runAdminCommand(t.ctx, argv, (l) => lines.push(l));
    return { code, lines };
  };
  const csv = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  };

  it("imports agencies: upserts by code, rejects bad rows with a reason, and is idempotent", async () => {
    const file = await csv(
      "agencies.csv",
      [
        "\uFEFFcode,name,kind,hotline_numbers,email,is_coordinator",
        'SYT,Sở Y tế,department,"0237 3852 017; 0237 3852 018",syt@thanhhoa.gov.vn,không',
        "BQLKKT,Ban Quản lý Khu kinh tế Nghi Sơn và các Khu công nghiệp,other,,,",
        "BAD,,department,,,",
        "XYZ,Cơ quan lạ,province,,,",
        "TEL,Số sai,other,abc,,",
      ].join("\n"),
    );
    const first = await run("import-agencies", file);
    expect(first.code).toBe(1);
    expect(first.lines.at(-1)).toBe("agencies: 1 created, 1 updated, 0 unchanged, 3 rejected");
    expect(first.lines.filter((l) => l.includes("rejected line")).map((l) => l.split(":")[0])).toEqual([
      "  rejected line 4",
      "  rejected line 5",
      "  rejected line 6",
    ]);
    const syt = await agencyTable.findByCode(t.ctx.db, "SYT");
    expect(syt?.hotline_numbers).toEqual(["02373852017", "02373852018"]);
    const events = await listEvents(t.ctx.db, "agency", syt?.id ?? "");
    expect(events.at(-1)).toMatchObject({ kind: "agency.updated", actor_label: "Quản trị (dòng lệnh)" });
    const again = await run("import-agencies", file);
    expect(again.lines.at(-1)).toBe("agencies: 0 created, 0 updated, 2 unchanged, 3 rejected");
  });

  it("matches an agency's code whatever its case and keeps the stored spelling (migration 0036)", async () => {
    const file = await csv(
      "agencies-case.csv",
      'code,name,kind,hotline_numbers,email,is_coordinator\nsyt,Sở Y tế,department,"0237 3852 017; 0237 3852 018",syt@thanhhoa.gov.vn,không\n',
    );
    expect((await run("import-agencies", file)).lines.at(-1)).toBe(
      "agencies: 0 created, 0 updated, 1 unchanged, 0 rejected",
    );
    expect((await agencyTable.findByCode(t.ctx.db, "syt"))?.code).toBe("SYT");
  });

  it("imports fields and keeps existing sort order unless given", async () => {
    const file = await csv(
      "fields.csv",
      "code,name,description,sort_order\nkhac,Nội dung khác,,\nthien-tai,Phòng chống thiên tai,Bão lũ,95\nCó Dấu,X,,\n",
    );
    const res = await run("import-fields", file);
    expect(res.lines.at(-1)).toBe("fields: 1 created, 1 updated, 0 unchanged, 1 rejected");
    expect((await fieldTable.findByCode(t.ctx.db, "khac"))?.sort_order).toBe(90);
    expect((await fieldTable.findByCode(t.ctx.db, "thien-tai"))?.sort_order).toBe(95);
    expect((await run("import-fields", file)).lines.at(-1)).toBe(
      "fields: 0 created, 0 updated, 2 unchanged, 1 rejected",
    );
  });

  it("creates a user who can sign in, and rejects an invalid one", async () => {
    const ok = await run(
      "create-user",
      "--username",
      "quantri2",
      "--password",
      "mat-khau-dai",
      "--full-name",
      "Quản Trị Hai",
      "--role",
      "focal_point",
      "--agency",
      "SYT",
    );
    // The old --password option still works, with a warning about the shell history (issue 18.7).
    expect(ok).toEqual({
      code: 0,
      lines: [expect.stringMatching(/^warning: --password/), "user quantri2 created (focal_point, Sở Y tế)"],
    });
    expect((await signIn(t.app, "quantri2", "mat-khau-dai")).me.user.role).toBe("focal_point");
    const bad = await run(
      "create-user",
      "--username",
      "x",
      "--password",
      "123",
      "--full-name",
      "X",
      "--role",
      "boss",
    );
    expect(bad.code).toBe(1);
    expect(bad.lines.join("\n")).toMatch(/username: .*\n.*password: Mật khẩu/);
    expect((await run("nonsense")).code).toBe(2);
  });
});
