import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { madeBeforeAll, useTestApp } from "../../test/hooks.js";
import { runAdminCommand } from "./admin-commands.js";

/** The columns of an `import-history` file without the optional `cooperating` one. */
export const historyHeader =
  "code,channel,received_at,field,agency,forwarded_at,phone_answered_at,answered_at,published_at";

/**
 * For an `import-history` test file: an app on the staff seed on Friday 20 March 2026, a scratch
 * folder, and `run(lines)`, which writes `header` and `lines` as a CSV (with a byte-order mark when
 * `bom`, as a spreadsheet saves it) and runs the command on it.
 */
export function useHistoryImport(header: string, { bom = false } = {}) {
  const t = useTestApp({ seed: "staff", now: new Date("2026-03-20T09:00:00+07:00") });
  const dir = madeBeforeAll(
    async () => ({ path: await mkdtemp(path.join(tmpdir(), "import-history-")) }),
    (d) => rm(d.path, { recursive: true, force: true }),
  );
  const run = async (lines: string[]) => {
    const file = path.join(dir.path, `h-${Math.random().toString(36).slice(2)}.csv`);
    await writeFile(file, `${bom ? "\uFEFF" : ""}${[header, ...lines].join("\n")}\n`);
    const out: string[] = [];
    const code = await runAdminCommand(t.ctx, ["import-history", file], (l) => out.push(l));
    return { code, out };
  };
  return { t, run };
}
