import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { ADMIN_PASSWORD_VARIABLE } from "../../shared/first-run.js";
import { roles } from "../../shared/permissions.js";
import {
  agencyCodeInput,
  agencyKindSchema,
  createUserBody,
  hotlineNumberInput,
} from "../../shared/schemas/admin.js";
import type { AppContext } from "../context.js";
import { BackupError, backupDatabase, restoreDatabase } from "../db/backup.js";
import { agencyTable } from "../db/repositories/agency.repository.js";
import { cliLabel } from "../services/admin-support.js";
import type { AgencyImportRow } from "../services/agency.service.js";
import { describeChainReport, verifyLogChains } from "../services/audit-chain.js";
import type { FieldImportRow } from "../services/field.service.js";
import { createServices } from "../services/index.js";

/**
 * `npm run admin -- <command>`: directory imports and account creation on the server's own database
 * (Art. 15; R-KB2). Imports upsert by code, so running one twice changes nothing; bad rows are
 * rejected with their line and reason while good rows are applied. Returns the exit code.
 */
export const usage = `Usage:
  npm run admin -- import-agencies FILE.csv   columns: code,name,kind[,hotline_numbers,email,is_coordinator,active]
  npm run admin -- import-fields FILE.csv     columns: code,name[,description,sort_order,active]
  npm run admin -- import-history FILE.csv    columns: code,channel,received_at,field,agency,forwarded_at,phone_answered_at,answered_at,published_at[,cooperating]
    (times ISO 8601 with offset, empty when the step did not happen; one bad row → nothing imported)
  npm run admin -- verify-audit                walks the hash chains of the audit and access logs; exit 1 at the first
    edited, deleted or inserted entry
  npm run admin -- backup FILE                 one consistent snapshot of the whole database to FILE (gzip NDJSON,
    mode 0600: it holds personal data)
  npm run admin -- restore FILE                loads FILE into an EMPTY database (new database or data directory);
    all or nothing; refused when the database holds data or the backup is newer than this code
  npm run admin -- create-user --username U --full-name "Họ Tên" --role ROLE [--agency CODE]
    the password is asked for without echo at a terminal, or read from ADMIN_PASSWORD
    (--password P still works but lands in the shell history: avoid it)
    kind: department|commune|other; hotline_numbers separated by ";"; booleans: true/false, 1/0, có/không
    ROLE: ${roles.join("|")}`;

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((v, c) => {
    if (v === undefined || v === "") return undefined;
    if (["true", "1", "yes", "có", "x"].includes(v)) return true;
    if (["false", "0", "no", "không"].includes(v)) return false;
    c.addIssue({ code: "custom", message: "Giá trị đúng/sai không hợp lệ (true/false)" });
    return z.NEVER;
  });
const blankToNull = (v: string | undefined) => (v === undefined || v.trim() === "" ? null : v.trim());

const agencyRow = z.object({
  code: agencyCodeInput,
  name: z.string().trim().min(1, "Thiếu tên cơ quan").max(300, "Tên cơ quan quá dài"),
  kind: z.string().trim().pipe(agencyKindSchema),
  hotline_numbers: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(/[;|]/)
        .map((n) => n.trim())
        .filter(Boolean),
    )
    .pipe(z.array(hotlineNumberInput).max(10, "Tối đa 10 số đường dây nóng")),
  email: z
    .string()
    .optional()
    .transform(blankToNull)
    .pipe(z.email("Địa chỉ thư điện tử không hợp lệ").nullable()),
  is_coordinator: bool,
  active: bool,
});

const fieldRow = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,40}$/, "Mã chỉ gồm chữ thường không dấu, số, '-' hoặc '_'"),
  name: z.string().trim().min(1, "Thiếu tên lĩnh vực").max(300, "Tên lĩnh vực quá dài"),
  description: z.string().optional().transform(blankToNull),
  sort_order: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : Number(v)))
    .pipe(z.number().int("Thứ tự phải là số nguyên").min(0).max(100_000).optional()),
  active: bool,
});

type Out = (line: string) => void;

async function readRows<S extends z.ZodType>(
  file: string,
  schema: S,
  out: Out,
): Promise<{ rows: z.output<S>[]; rejected: number }> {
  const records = parse(await readFile(file, "utf8"), {
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
    bom: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  const rows: z.output<S>[] = [];
  let rejected = 0;
  const seen = new Set<string>();
  records.forEach((record, i) => {
    const line = i + 2; // line 1 is the header
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      rejected++;
      const why = parsed.error.issues.map((issue) => `${issue.path.join(".") || "row"}: ${issue.message}`);
      out(`  rejected line ${line}: ${why.join("; ")}`);
      return;
    }
    const code = (parsed.data as { code: string }).code;
    if (seen.has(code)) {
      rejected++;
      out(`  rejected line ${line}: code: mã ${code} lặp lại trong tệp`);
      return;
    }
    seen.add(code);
    rows.push(parsed.data);
  });
  return { rows, rejected };
}

function flags(args: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a?.startsWith("--")) result[a.slice(2)] = args[++i] ?? "";
  }
  return result;
}

/** Where `create-user` gets a password from other than the (discouraged) --password option. */
export interface PasswordSource {
  /** ADMIN_PASSWORD and friends: the process environment, or a test's. */
  env: Record<string, string | undefined>;
  /** A prompt without echo when standard input is a terminal; undefined when it is not. */
  prompt?: (question: string) => Promise<string>;
}

const noPasswordSource: PasswordSource = { env: {} };

export async function runAdminCommand(
  ctx: AppContext,
  argv: string[],
  out: Out,
  passwords: PasswordSource = noPasswordSource,
): Promise<number> {
  const [command, ...args] = argv;
  const services = createServices(ctx);
  const source = { label: cliLabel };
  /** What an import of reference rows did; the exit code is 1 when a row was rejected. */
  const imported = (
    what: string,
    s: { created: number; updated: number; unchanged: number },
    rejected: number,
  ) => {
    out(
      `${what}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${rejected} rejected`,
    );
    return rejected > 0 ? 1 : 0;
  };
  switch (command) {
    case "import-agencies":
    case "import-fields": {
      const file = args[0];
      if (!file) break;
      if (command === "import-agencies") {
        const { rows, rejected } = await readRows(file, agencyRow, out);
        const items: AgencyImportRow[] = rows.map((r) => ({
          code: r.code,
          name: r.name,
          kind: r.kind,
          hotlineNumbers: r.hotline_numbers,
          email: r.email,
          isCoordinator: r.is_coordinator ?? false,
          active: r.active,
        }));
        return imported("agencies", await services.agencies.importAgencies(items, source), rejected);
      }
      const { rows, rejected } = await readRows(file, fieldRow, out);
      const items: FieldImportRow[] = rows.map((r) => ({
        code: r.code,
        name: r.name,
        description: r.description,
        sortOrder: r.sort_order,
        active: r.active,
      }));
      return imported("fields", await services.fields.importFields(items, source), rejected);
    }
    case "import-history": {
      const file = args[0];
      if (!file) break;
      const result = await services.historyImport.importHistory(await readFile(file, "utf8"));
      for (const e of result.errors) out(`  rejected line ${e.line}: ${e.message}`);
      out(
        result.errors.length > 0
          ? `history: nothing imported, ${result.errors.length} bad rows`
          : `history: ${result.imported} imported, ${result.unchanged} already present`,
      );
      return result.errors.length > 0 ? 1 : 0;
    }
    case "verify-audit": {
      // Issue 14: the event log and the access log are hash-chained (migration 0016).
      const reports = await verifyLogChains(ctx);
      for (const r of reports) out(describeChainReport(r));
      return reports.some((r) => r.problem) ? 1 : 0;
    }
    case "backup":
    case "restore": {
      // Issue 14. Both run on the database as it is (admin.cli.ts does not migrate or seed first).
      const file = args[0];
      if (!file) break;
      try {
        if (command === "backup") {
          const h = await backupDatabase(ctx.database, file, ctx.clock.now());
          const rows = h.tables.reduce((n, t) => n + t.rows, 0);
          out(
            `backup: ${rows} rows in ${h.tables.length} tables written to ${file} (personal data: keep it encrypted)`,
          );
          return 0;
        }
        const r = await restoreDatabase(ctx.database, file);
        out(
          `restore: ${r.rows} rows in ${r.header.tables.length} tables loaded from ${file} (backup of ${r.header.createdAt})` +
            (r.upgraded.length > 0 ? `; then applied ${r.upgraded.join(", ")}` : ""),
        );
        return 0;
      } catch (error) {
        if (!(error instanceof BackupError)) throw error;
        out(`${command} failed: ${error.message}`);
        return 1;
      }
    }
    case "create-user": {
      const f = flags(args);
      const agency = f.agency ? await agencyTable.findByCode(ctx.db, f.agency) : undefined;
      if (f.agency && !agency) {
        out(`rejected: agency ${f.agency} does not exist`);
        return 1;
      }
      let password = f.password;
      if (password !== undefined) {
        out(
          "warning: --password leaves the password in the shell history; prefer the prompt or ADMIN_PASSWORD",
        );
      } else if (passwords.env[ADMIN_PASSWORD_VARIABLE]) {
        password = passwords.env[ADMIN_PASSWORD_VARIABLE];
      } else if (passwords.prompt) {
        password = await passwords.prompt(`Mật khẩu cho ${f.username ?? "tài khoản mới"}: `);
        const again = await passwords.prompt("Nhập lại mật khẩu: ");
        if (again !== password) {
          out("rejected: the two passwords differ");
          return 1;
        }
      } else {
        out(
          `rejected: no password — run at a terminal to be asked for it, or set ${ADMIN_PASSWORD_VARIABLE} (never on the command line)`,
        );
        return 1;
      }
      const body = createUserBody.safeParse({
        username: f.username,
        password,
        fullName: f["full-name"],
        role: f.role,
        agencyId: agency?.id ?? null,
      });
      if (!body.success) {
        for (const issue of body.error.issues) out(`rejected: ${issue.path.join(".")}: ${issue.message}`);
        return 1;
      }
      const user = await services.users.createUserFromCli(body.data);
      out(`user ${user.username} created (${user.role}${user.agencyName ? `, ${user.agencyName}` : ""})`);
      return 0;
    }
  }
  out(usage);
  return 2;
}
