/**
 * bench/console-paths (issue 18): the common paths of the staff console, timed in the built console
 * in Debian's Chromium (headless), with the user's actions counted as the script performs them.
 *
 *   A  operator: a new call → phone, name and content typed → answered from the Q&A base suggestion
 *   B  operator: a new call → phone, name and content typed → saved → forwarded to an agency with a note
 *   C  focal point: open the inbox → the most urgent slip → record the answer → publish it
 *
 * Seconds: wall clock from the first action to the confirmation ("Đã thực hiện: …") being visible.
 * Text is entered with fill() (instant), so the seconds are the console's own waiting (server,
 * rendering, suggestions), not a person's typing speed; the typing is counted in keystrokes.
 * Counting rule: every character typed is one keystroke, every key pressed (Enter) is one keystroke,
 * every click is one click; "fields" counts the text fields filled. Sign-in is not part of a path.
 *
 * Usage:
 *   npm run bench:console-paths                               # this tree's console ("after")
 *   npm run bench:console-paths -- --ui before --root DIR     # another tree (e.g. a worktree at 77c79e1)
 *   npm run bench:console-paths -- --ui both --before-root DIR  # both, interleaved run by run
 *   --runs N (default 3), --paths A,B,C (default all), --json FILE (writes the figures)
 * Each tree must be built (`npm run build` in it). The server and its demo database are that tree's
 * own (its src/test/harness.ts is imported), so "before" runs the old server as well as the old UI.
 */
import { existsSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, SCREENSHOTS } from "../../e2e/browser.js";
import { nextWorkingMonday } from "../../e2e/console/browser.js";
import { Actions, type PathName, parseArgs, type Ui } from "./args.js";

const PATHS: Record<PathName, string> = {
  A: "operator: new call → typed → answered from the Q&A base",
  B: "operator: new call → typed → saved → forwarded with a note",
  C: "focal point: inbox → most urgent slip → answer → publish",
};

/**
 * The explicit differences of the old console (commit 77c79e1), each one a thing the user does
 * differently there:
 * - the agency picker needs the exact diacritics: "Y tế" before, "y te" after (same length here;
 *   on a Telex keyboard "tế" costs "tees", one more key per accented letter);
 * - the inbox is sorted by received time, late slips last: to reach the most urgent slip the focal
 *   point first clicks the "Quá hạn" (late) filter and takes its first row, one click more. After,
 *   the inbox is sorted by what is due first and the first row is the most urgent.
 * - since the second pass of issue 18, urgent slips come first (R-HA9) and recording the answer
 *   opens the publish dialog by itself: one click less on path C; the operator takes the first
 *   Q&A suggestion with Alt+G and confirms with Ctrl+Enter: path A without the mouse.
 */
const UI: Record<
  Ui,
  { agencyText: string; lateFilterFirst: boolean; publishOpensItself: boolean; keyboardAnswer: boolean }
> = {
  before: { agencyText: "Y tế", lateFilterFirst: true, publishOpensItself: false, keyboardAnswer: false },
  after: { agencyText: "y te", lateFilterFirst: false, publishOpensItself: true, keyboardAnswer: true },
};

interface Measure {
  seconds: number;
  keys: number;
  clicks: number;
  fields: number;
  /** Path C: seconds until the slip is open with its actions. */
  toSlip?: number;
}

interface Harness {
  ui: Ui;
  baseUrl: string;
  close(): Promise<void>;
}

interface HarnessModule {
  createTestApp(options: Record<string, unknown>): Promise<{
    app: {
      listen(o: { host: string; port: number }): Promise<unknown>;
      server: { address(): unknown };
    };
    close(): Promise<void>;
  }>;
}

/** The tree's own server (its harness, its demo data) on a free port, serving its built console. */
async function startTree(ui: Ui, root: string): Promise<Harness> {
  if (!existsSync(path.join(root, "dist/console/index.html")))
    throw new Error(`${root}: no dist/console — run npm run build there`);
  const harness = (await import(pathToFileURL(path.join(root, "src/test/harness.ts")).href)) as HarnessModule;
  // As e2e/console/browser.ts: the next working Monday 09:00 (Vietnam), demo data seeded then; the
  // server's clock stays there (answering and publishing do not need the slip overdue).
  const t = await harness.createTestApp({
    seed: "demo",
    now: nextWorkingMonday(new Date()),
    SESSION_IDLE_MINUTES: 24 * 60,
  });
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  const address = t.app.server.address() as { port: number };
  return { ui, baseUrl: `http://127.0.0.1:${address.port}`, close: () => t.close() };
}

async function signedIn(
  browser: Browser,
  h: Harness,
  username: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: h.baseUrl,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    viewport: { width: 1366, height: 768 },
  });
  const response = await context.request.post("/api/v1/auth/login", {
    data: { username, password: "demo1022" },
  });
  if (!response.ok()) throw new Error(`sign-in as ${username}: ${response.status()}`);
  context.setDefaultTimeout(30_000);
  return { context, page: await context.newPage() };
}

const done = (page: Page, action: string) => page.getByText(`Đã thực hiện: ${action}`).first().waitFor();

/** Fills the intake form as the operator does while the caller speaks. */
async function intake(page: Page, act: Actions, run: number, content: string): Promise<void> {
  await act.type(page.getByLabel("Số điện thoại"), `09123456${String(10 + run).slice(-2)}`);
  await act.type(page.getByLabel("Họ và tên"), "Trần Văn An");
  await act.type(page.getByLabel("Nội dung yêu cầu"), content);
}

async function pathA(page: Page, act: Actions, run: number, ui: Ui): Promise<void> {
  await intake(page, act, run, "Cho hỏi trẻ 7 tuổi tiêm vắc-xin COVID-19 ở đâu?");
  // The first suggestion's button saves the request and opens the answer with the Q&A text.
  const use = page.getByRole("button", { name: /^Dùng câu trả lời này/ }).first();
  const dialog = page.getByRole("dialog", { name: "Trả lời từ bộ câu hỏi" });
  if (UI[ui].keyboardAnswer) {
    // Since the second pass of issue 18: Alt+G takes the first suggestion, Ctrl+Enter confirms.
    await use.waitFor();
    await act.press(page.getByLabel("Nội dung yêu cầu"), "Alt+g");
    await act.press(dialog.getByLabel("Nội dung trả lời"), "Control+Enter");
  } else {
    await act.click(use);
    await act.click(dialog.getByRole("button", { name: "Xác nhận" }));
  }
  await done(page, "Trả lời từ bộ câu hỏi");
}

async function pathB(page: Page, act: Actions, run: number, ui: Ui): Promise<void> {
  await intake(
    page,
    act,
    run,
    "Xin hỏi thủ tục cấp lại giấy phép hành nghề khám bệnh, chữa bệnh khi bị mất bản gốc?",
  );
  await act.click(page.getByRole("button", { name: /Lưu yêu cầu/ }));
  await act.click(page.getByRole("button", { name: /Chuyển cơ quan xử lý/ }));
  const dialog = page.getByRole("dialog", { name: "Chuyển cơ quan xử lý" });
  const agency = dialog.getByLabel("Cơ quan xử lý");
  await act.type(agency, UI[ui].agencyText);
  await page.getByRole("option", { name: "Sở Y tế", exact: true }).waitFor({ state: "attached" });
  await act.press(agency, "Enter");
  await dialog.getByTitle("Sở Y tế", { exact: true }).waitFor();
  await act.check(dialog.getByLabel("Đã chuyển máy thành công"));
  await act.type(dialog.getByLabel("Ghi chú"), "Người dân cần danh mục giấy tờ.");
  await act.click(dialog.getByRole("button", { name: "Xác nhận" }));
  await done(page, "Chuyển cơ quan xử lý");
}

async function pathC(page: Page, act: Actions, ui: Ui, opened: () => void): Promise<string> {
  // Opening the inbox is the menu click.
  await page.goto("/console/inbox");
  act.clicks++;
  if (UI[ui].lateFilterFirst) {
    // The old inbox keeps the filter in state: wait for the filtered list before taking its first row.
    const filtered = page.waitForResponse((r) => r.url().includes("due=late") && r.ok());
    await act.click(page.getByText(/^Quá hạn/).first());
    await filtered;
  }
  const first = page.getByRole("link", { name: /^Mở / }).first();
  const name = ((await first.getAttribute("aria-label")) ?? (await first.textContent()) ?? "").replace(
    /^Mở /,
    "",
  );
  await act.click(first);
  const record = page.getByRole("button", { name: "Cập nhật kết quả trả lời" });
  await record.waitFor();
  opened();
  await act.click(record);
  let dialog = page.getByRole("dialog", { name: "Cập nhật kết quả trả lời" });
  await act.type(
    dialog.getByLabel("Nội dung trả lời"),
    "Sở Y tế đã kiểm tra và trả lời: hồ sơ nộp tại bộ phận một cửa của Sở, thời hạn giải quyết 10 ngày làm việc.",
  );
  await act.click(dialog.getByRole("button", { name: "Xác nhận" }));
  await done(page, "Cập nhật kết quả trả lời");
  // Since issue 18's second pass the publish dialog opens by itself after the answer is recorded.
  if (!UI[ui].publishOpensItself) await act.click(page.getByRole("button", { name: "Công khai kết quả" }));
  dialog = page.getByRole("dialog", { name: "Công khai kết quả" });
  await act.click(dialog.getByRole("button", { name: "Xác nhận" }));
  await done(page, "Công khai kết quả");
  return name;
}

async function runPath(browser: Browser, h: Harness, which: PathName, run: number): Promise<Measure> {
  const { context, page } = await signedIn(browser, h, which === "C" ? "focal" : "operator");
  try {
    // The operator sits at the desk when the call comes; the focal point starts from the console's home.
    await page.goto(which === "C" ? "/console/" : "/console/desk");
    if (which === "C") await page.getByRole("navigation").first().waitFor();
    else await page.getByRole("heading", { name: "Tiếp nhận yêu cầu" }).waitFor();
    // Which slip is the most urgent, read before the path: an urgent one (R-HA9) before the rest,
    // then the earliest due among the open ones.
    let mostUrgent = "";
    if (which === "C") {
      const list = await context.request.get("/api/v1/requests?open=true&pageSize=200");
      const items: { code: string; urgency: string; dueAt: string | null }[] = (await list.json()).items;
      const rank = (i: (typeof items)[number]) => [i.urgency === "urgent" ? 0 : 1, Date.parse(i.dueAt ?? "")];
      const due = items
        .filter((i) => i.dueAt !== null)
        .sort((a, b) => {
          const [ua, da] = rank(a);
          const [ub, db] = rank(b);
          return (ua ?? 0) - (ub ?? 0) || (da ?? 0) - (db ?? 0);
        });
      mostUrgent = due[0]?.code ?? "";
    }
    const act = new Actions();
    const started = performance.now();
    let slip = "";
    let toSlip: number | undefined;
    if (which === "A") await pathA(page, act, run, h.ui);
    else if (which === "B") await pathB(page, act, run, h.ui);
    else
      slip = await pathC(page, act, h.ui, () => {
        toSlip = (performance.now() - started) / 1000;
      });
    const seconds = (performance.now() - started) / 1000;
    if (slip)
      console.info(
        `  ${h.ui} C run ${run + 1}: took ${slip}; most urgent ${mostUrgent}${slip === mostUrgent ? " (same)" : " (NOT the most urgent)"}`,
      );
    return { seconds, keys: act.keys, clicks: act.clicks, fields: act.fields, toSlip };
  } catch (error) {
    const shot = path.join(SCREENSHOTS, `bench-console-paths-${h.ui}-${which}-${run + 1}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    console.error(`${h.ui} ${which} run ${run + 1} failed; screenshot ${shot}`);
    throw error;
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const uis: Ui[] = args.ui === "both" ? ["before", "after"] : [args.ui];
  const rootOf = (ui: Ui) => (args.ui === "both" && ui === "before" ? args.beforeRoot : args.root);
  const browser = await launchChromium();
  const results = new Map<string, Measure[]>();
  try {
    for (let run = 0; run < args.runs; run++) {
      // Interleaved: each run goes through every tree, alternating which goes first. Each run starts
      // the tree's server on a fresh demo database, so every run finds the same slips.
      const order = run % 2 ? [...uis].reverse() : uis;
      for (const ui of order) {
        const h = await startTree(ui, rootOf(ui));
        try {
          for (const which of args.paths) {
            const m = await runPath(browser, h, which, run);
            const key = `${h.ui} ${which}`;
            results.set(key, [...(results.get(key) ?? []), m]);
            console.info(
              `${key} run ${run + 1}: ${m.seconds.toFixed(2)} s${m.toSlip === undefined ? "" : ` (slip open after ${m.toSlip.toFixed(2)} s)`}, ${m.keys} keys, ${m.clicks} clicks, ${m.fields} fields`,
            );
          }
        } finally {
          await h.close();
        }
      }
    }
  } finally {
    await browser.close();
  }

  const rows = [...results.entries()].map(([key, ms]) => {
    const [ui, which] = key.split(" ") as [Ui, PathName];
    const secs = ms.map((m) => m.seconds);
    const last = ms[ms.length - 1] as Measure;
    return {
      ui,
      path: which,
      description: PATHS[which],
      medianSeconds: Number(median(secs).toFixed(2)),
      minSeconds: Number(Math.min(...secs).toFixed(2)),
      maxSeconds: Number(Math.max(...secs).toFixed(2)),
      keys: last.keys,
      clicks: last.clicks,
      fields: last.fields,
      runs: ms.length,
      ...(last.toSlip === undefined
        ? {}
        : { medianSecondsToSlip: Number(median(ms.map((m) => m.toSlip ?? 0)).toFixed(2)) }),
    };
  });
  rows.sort((a, b) => a.path.localeCompare(b.path) || a.ui.localeCompare(b.ui));
  console.info(
    `\n${new Date().toISOString()} · ${cpus().length}× ${cpus()[0]?.model ?? "?"} · load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.info("path  ui      seconds median [min–max]   keys  clicks  fields");
  for (const r of rows)
    console.info(
      `${r.path}     ${r.ui.padEnd(7)} ${r.medianSeconds.toFixed(2)} [${r.minSeconds.toFixed(2)}–${r.maxSeconds.toFixed(2)}]`.padEnd(
        42,
      ) +
        `${String(r.keys).padStart(4)}  ${String(r.clicks).padStart(6)}  ${String(r.fields).padStart(6)}${"medianSecondsToSlip" in r ? `   (slip open: ${r.medianSecondsToSlip} s)` : ""}`,
    );
  if (args.json) writeFileSync(args.json, `${JSON.stringify(rows, null, 2)}\n`);
}

await main();
process.exit(0);
