import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../test/hooks.js";
import { execRaw } from "../db/client.js";
import { createKbService } from "./kb.service.js";
import { exportKbFile, importKbFile } from "./kb-import.service.js";

// Pipes as delimiter, a quoted answer over several lines with a pipe and quotes inside (R-KB1).
const csv = `id|Question|Answer_1|Field
q1|Trẻ em tiêm vắc-xin COVID-19 ở đâu?|"Tại trạm y tế xã.
Mang theo giấy khai sinh | sổ tiêm chủng.
Gọi ""1022"" nếu cần."|y-te-xet-nghiem-tiem-phong
q2|F1 cách ly mấy ngày?|7 ngày.|
q3|ab|Câu hỏi quá ngắn|
q2|Trùng mã|x|
q4|Giấy đi đường cấp ở đâu?|Không cần.|khong-ton-tai
`;

describe("kb import and export (R-KB1)", () => {
  const t = useTestApp();
  let dir: string;
  const options = {
    delimiter: "|",
    question: "Question",
    answer: "Answer_1",
    externalId: "id",
    field: "Field",
    status: "published" as const,
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "kb-"));
    await writeFile(path.join(dir, "in.csv"), csv);
  });

  it("imports a pipe-delimited CSV with multi-line quoted fields and reports rejected rows", async () => {
    const progress: number[] = [];
    const s = await importKbFile(t.ctx, path.join(dir, "in.csv"), options, (done) => progress.push(done));
    expect(s).toMatchObject({ total: 5, imported: 2, updated: 0, unchanged: 0 });
    expect(s.rejected.map((r) => r.row)).toEqual([4, 5, 6]);
    expect(s.rejected[1]?.reason).toContain("Trùng");
    expect(progress.at(-1)).toBe(5);
    const [row] = await execRaw<{ answer_html: string; status: string }>(
      t.ctx.db,
      sql`select answer_html, status from kb_entries where external_id = 'q1'`,
    );
    expect(row?.status).toBe("published");
    expect(row?.answer_html).toBe(
      "<p>Tại trạm y tế xã.<br>Mang theo giấy khai sinh | sổ tiêm chủng.<br>Gọi &quot;1022&quot; nếu cần.</p>",
    );
    const hits = await createKbService(t.ctx).searchPublic({ q: "so tiem chung giay khai sinh", limit: 3 });
    expect(hits[0]?.externalId).toBe("q1");
  });

  it("re-importing the same file changes nothing; a changed row is a new version", async () => {
    const count = async () =>
      (
        await execRaw<{ n: number }>(
          t.ctx.db,
          sql`select count(*)::int as n from events where entity = 'kb_entry'`,
        )
      )[0]?.n;
    const before = await count();
    const again = await importKbFile(t.ctx, path.join(dir, "in.csv"), options);
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
    expect(await count()).toBe(before);

    await writeFile(path.join(dir, "changed.csv"), csv.replace("7 ngày.", "5 ngày."));
    expect(await importKbFile(t.ctx, path.join(dir, "changed.csv"), options)).toMatchObject({
      updated: 1,
      unchanged: 1,
    });
    const versions = await execRaw<{ version: number; state: string }>(
      t.ctx.db,
      sql`select v.version, v.state from kb_entry_versions v join kb_entries e on e.id = v.entry_id where e.external_id = 'q2' order by v.version`,
    );
    expect(versions).toEqual([
      { version: 1, state: "superseded" },
      { version: 2, state: "published" },
    ]);
  });

  it("a draft import of a change to a live entry waits as one proposal, however often it is re-imported", async () => {
    await writeFile(path.join(dir, "draft.csv"), csv.replace("7 ngày.", "10 ngày."));
    const draft = { ...options, status: "draft" as const };
    expect(await importKbFile(t.ctx, path.join(dir, "draft.csv"), draft)).toMatchObject({ updated: 1 });
    expect(await importKbFile(t.ctx, path.join(dir, "draft.csv"), draft)).toMatchObject({
      updated: 0,
      unchanged: 2,
    });
    const proposals = await execRaw<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from kb_entry_versions v join kb_entries e on e.id = v.entry_id
          where e.external_id = 'q2' and v.state = 'proposed'`,
    );
    expect(proposals[0]?.n).toBe(1);
    // The published answer stays live until an administrator publishes the proposal.
    await importKbFile(t.ctx, path.join(dir, "changed.csv"), options);
  });

  it("exports the same format back, to CSV and XLSX, and re-importing the export changes nothing", async () => {
    for (const name of ["out.csv", "out.xlsx"]) {
      const file = path.join(dir, name);
      expect(await exportKbFile(t.ctx, file, options)).toBe(2);
      if (name.endsWith(".csv"))
        expect(await readFile(file, "utf8")).toContain('"Tại trạm y tế xã.\nMang theo');
      expect(await importKbFile(t.ctx, file, options)).toMatchObject({
        imported: 0,
        updated: 0,
        unchanged: 2,
        rejected: [],
      });
    }
  });

  it("issue 13: a published import holds rows with personal data as proposals and lists them", async () => {
    await execRaw(
      t.ctx.db,
      sql`update agencies set hotline_numbers = array['02837300659'] where code = (select code from agencies order by code limit 1)`,
    );
    await writeFile(
      path.join(dir, "pd.csv"),
      [
        "id|Question|Answer_1|Field",
        "p1|Tôi tên Nguyễn Văn An, cần hỏi về BHYT?|Anh gọi lại số 0912 345 678 để được hướng dẫn.|",
        "p2|Tiêm mũi nhắc lại ở đâu?|Tại trạm y tế xã; thắc mắc gọi 1022 hoặc 028 3730 0659.|",
        "",
      ].join("\n"),
    );
    const s = await importKbFile(t.ctx, path.join(dir, "pd.csv"), options);
    expect(s).toMatchObject({ imported: 2, rejected: [] });
    expect(s.held).toHaveLength(1);
    expect(s.held[0]).toMatchObject({ row: 2, kinds: ["name", "phone"] });
    expect(s.held[0]?.findings.map((f) => [f.field, f.text])).toEqual([
      ["question", "Nguyễn Văn An"],
      ["answer", "0912 345 678"],
    ]);
    const rows = await execRaw<{ external_id: string; status: string; pending_version: number | null }>(
      t.ctx.db,
      sql`select external_id, status, pending_version from kb_entries where external_id in ('p1', 'p2') order by external_id`,
    );
    expect(rows).toEqual([
      { external_id: "p1", status: "proposed", pending_version: 1 },
      { external_id: "p2", status: "published", pending_version: null },
    ]);
    // Re-importing changes nothing; the held row is still listed as waiting.
    const again = await importKbFile(t.ctx, path.join(dir, "pd.csv"), options);
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
    expect(again.held.map((h) => h.row)).toEqual([2]);
    // A change with personal data to a live entry waits as a proposal; the live text stays.
    await writeFile(
      path.join(dir, "pd2.csv"),
      "id|Question|Answer_1|Field\np2|Tiêm mũi nhắc lại ở đâu?|Liên hệ chị Trần Thị Bích.|\n",
    );
    const change = await importKbFile(t.ctx, path.join(dir, "pd2.csv"), options);
    expect(change).toMatchObject({ updated: 1 });
    expect(change.held[0]?.kinds).toEqual(["name"]);
    const [p2] = await execRaw<{ status: string; answer_text: string; pending_version: number | null }>(
      t.ctx.db,
      sql`select status, answer_text, pending_version from kb_entries where external_id = 'p2'`,
    );
    expect(p2).toMatchObject({ status: "published", pending_version: 2 });
    expect(p2?.answer_text).toContain("1022");
  });

  it("R-HA1: a search index already loaded in another process sees entries changed since", async () => {
    const otherProcess = createKbService(t.ctx);
    expect((await otherProcess.searchPublic({ q: "f1 cach ly may ngay", limit: 1 }))[0]?.externalId).toBe(
      "q2",
    );
    await writeFile(
      path.join(dir, "new.csv"),
      "id|Question|Answer_1|Field\nq9|Khẩu trang vải có chống được virus không?|Có, nếu dùng đúng cách.|\n",
    );
    await importKbFile(t.ctx, path.join(dir, "new.csv"), options);
    expect((await otherProcess.searchPublic({ q: "khau trang vai", limit: 1 }))[0]?.externalId).toBe("q9");
  });
});
