import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { FIRST_ADMIN_COMMAND } from "../../../shared/first-run.js";
import { solveCaptcha } from "../../../test/captcha.js";
import { submitPortal } from "../../../test/citizen.js";
import { createTestApp } from "../../../test/harness.js";
import { useTestApp } from "../../../test/hooks.js";
import { runAdminCommand } from "../../cli/admin-commands.js";
import { createTokenBuckets } from "../../domain/rate/token-bucket.js";
import { startupLines } from "../../startup-banner.js";
import { massEventBanner } from "./pages/home.page.js";

/** Issue 18, portal and server: what a citizen and a first-run administrator meet. */
describe("issue 18 — portal and server", () => {
  const t = useTestApp({ CAPTCHA: "on", PUBLIC_RATE_LIMIT: 2 });

  it("18.1: empty filters sent by the /hoi-dap form count as not given", async () => {
    const api = await t.app.inject({ url: "/api/v1/public/answers?q=ti%C3%AAm&field=&agency=&from=&to=" });
    expect(api.statusCode).toBe(200);
    const page = await t.app.inject({ url: "/hoi-dap?q=ti%C3%AAm+v%E1%BA%AFc+xin&field=&agency=&from=&to=" });
    expect(page.statusCode).toBe(200);
    // The search box keeps what was typed, and the page knows it is filtered.
    expect(page.body).toContain('value="tiêm vắc xin"');
    expect(page.body).toContain("kết quả phù hợp");
    // A malformed date drops only itself.
    const bad = await t.app.inject({ url: "/hoi-dap?q=ti%C3%AAm&from=2026-13-45" });
    expect(bad.body).toContain('value="tiêm"');
  });

  it("18.2: no upgrade-insecure-requests nor HSTS outside production; both in production", async () => {
    const dev = await t.app.inject({ url: "/" });
    expect(String(dev.headers["content-security-policy"])).not.toContain("upgrade-insecure-requests");
    expect(dev.headers["strict-transport-security"]).toBeUndefined();
    const prod = await createTestApp({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) });
    try {
      const res = await prod.app.inject({ url: "/" });
      expect(String(res.headers["content-security-policy"])).toContain("upgrade-insecure-requests");
      expect(res.headers["strict-transport-security"]).toBeDefined();
    } finally {
      await prod.close();
    }
  });

  it("18.6: submissions are a token bucket per address; refused attempts cost nothing; 429 says when and 1022", async () => {
    const post = async (ip: string) =>
      submitPortal(t.app, { ip, captcha: await solveCaptcha(t.app, { "x-forwarded-for": ip }) });
    const ip = "203.0.113.50";
    expect((await post(ip)).statusCode).toBe(201);
    expect((await post(ip)).statusCode).toBe(201);
    const refused = await post(ip);
    expect(refused.statusCode).toBe(429);
    // Two per hour → one back every 30 minutes, not the rest of the hour.
    expect(Number(refused.headers["retry-after"])).toBe(1800);
    const error = refused.json().error;
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 1800 });
    expect(error.message).toContain("30 phút");
    expect(error.message).toContain("gọi 1022");
    // Ten more refused attempts do not push the wait further.
    for (let i = 0; i < 10; i++) await post(ip);
    t.clock.advance(29 * 60_000);
    const still = await post(ip);
    expect(still.statusCode).toBe(429);
    expect(Number(still.headers["retry-after"])).toBe(60);
    t.clock.advance(60_000);
    expect((await post(ip)).statusCode).toBe(201);
  });

  it("18.6: a rate-limited portal page is a citizen-facing HTML page with the time and the hotline", async () => {
    let res = await t.app.inject({ method: "POST", url: "/tra-cuu", payload: { ma: "X", sdt: "1" } });
    for (let i = 0; i < 40 && res.statusCode !== 429; i++)
      res = await t.app.inject({
        method: "POST",
        url: "/tra-cuu",
        headers: { "x-forwarded-for": "203.0.113.60" },
        payload: { ma: "ABCD-1234", sdt: "0912000000" },
      });
    expect(res.statusCode).toBe(429);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(res.body).toContain("Vui lòng thử lại sau");
    expect(res.body).toContain('href="tel:1022"');
    expect(res.body).toMatch(/id="retry-at">\d{2}:\d{2}</);
  });

  it("the mass event's banner writes the tone mark on the second vowel («Cứu hoả»)", () => {
    // Thirty-sixth session: «Cứu hỏa» beside the console's «xoá», «huỷ».
    const banner = String(
      massEventBanner({ title: "Cháy rừng", answer: "Sơ tán.", emergencyNumbers: ["114"] }),
    );
    expect(banner).toContain("114 — Cứu hoả, cứu nạn cứu hộ");
  });

  it("18.9: unknown pages are an HTML 404 with the hotline; unknown API paths stay JSON", async () => {
    const page = await t.app.inject({ url: "/khong-co-trang-nay" });
    expect(page.statusCode).toBe(404);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("Không tìm thấy trang");
    expect(page.body).toContain('href="tel:1022"');
    // A form posted to a page that does not exist gets the same page, not the API's JSON.
    const posted = await t.app.inject({
      method: "POST",
      url: "/tra-cuu-cu",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "ma=ABCD-1234&sdt=0912000000",
    });
    expect(posted.statusCode).toBe(404);
    expect(posted.headers["content-type"]).toContain("text/html");
    expect(posted.body).toContain("Không tìm thấy trang");
    const apiPost = await t.app.inject({ method: "POST", url: "/api/v1/khong-co", payload: {} });
    expect(apiPost.statusCode).toBe(404);
    expect(apiPost.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    const api = await t.app.inject({ url: "/api/v1/khong-co" });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    const asset = await t.app.inject({ url: "/assets/khong-co.js" });
    expect(asset.statusCode).toBe(404);
    expect(asset.headers["content-type"]).toContain("application/json");
  });

  it("18.9: the confirmation page says “sent” only with the submission's receipt", async () => {
    const ip = "198.51.100.9";
    const created = await submitPortal(t.app, {
      ip,
      captcha: await solveCaptcha(t.app, { "x-forwarded-for": ip }),
    });
    const { code, receipt } = created.json<{ code: string; receipt: string }>();
    const own = await t.app.inject({
      url: `/gui-yeu-cau/da-gui?ma=${code}&bn=${encodeURIComponent(receipt)}`,
    });
    expect(own.body).toContain("Đã gửi yêu cầu thành công");
    const [bare, made, forged, other] = await Promise.all([
      t.app.inject({ url: `/gui-yeu-cau/da-gui?ma=${code}` }),
      t.app.inject({ url: "/gui-yeu-cau/da-gui?ma=KHONGCO-0000" }),
      t.app.inject({ url: `/gui-yeu-cau/da-gui?ma=${code}&bn=${receipt.slice(0, -2)}xx` }),
      t.app.inject({ url: `/gui-yeu-cau/da-gui?ma=KHONGCO-0000&bn=${encodeURIComponent(receipt)}` }),
    ]);
    for (const res of [bare, made, forged, other]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain("thành công");
      expect(res.body).toContain("Tra cứu yêu cầu theo mã");
    }
    // The same page whether the code exists or not: nothing to learn by guessing.
    const strip = (s: string, c: string) => s.replaceAll(c, "CODE");
    expect(strip(bare.body, code)).toBe(strip(made.body, "KHONGCO-0000"));
  });
});

describe("issue 18.7 — first run", () => {
  const t = useTestApp({ seed: "reference" });
  const run = async (argv: string[], env: Record<string, string> = {}) => {
    const lines: string[] = [];
    const code = await runAdminCommand(t.ctx, argv, (l) => lines.push(l), { env });
    return { code, lines };
  };
  const admin = ["create-user", "--username", "quantri", "--full-name", "Quản trị", "--role", "admin"];

  it("the sign-in page learns that no administrator exists, then that one does", async () => {
    const before = await t.app.inject({ url: "/api/v1/auth/login/first-run" });
    expect(before.json()).toEqual({ needsFirstAdministrator: true });
    expect(before.headers["cache-control"]).toContain("no-store");

    // No password on the command line and none in the environment, not at a terminal: refused.
    const none = await run(admin);
    expect(none.code).toBe(1);
    expect(none.lines.join("\n")).toContain("ADMIN_PASSWORD");
    // From ADMIN_PASSWORD.
    const ok = await run(admin, { ADMIN_PASSWORD: "sông Mã chảy qua làng cũ ven đê" });
    expect(ok).toEqual({ code: 0, lines: ["user quantri created (admin)"] });
    const after = await t.app.inject({ url: "/api/v1/auth/login/first-run" });
    expect(after.json()).toEqual({ needsFirstAdministrator: false });

    // The old option still works, with a warning.
    const old = await run([
      "create-user",
      "--username",
      "quantri2",
      "--password",
      "đồng lúa chín vàng bên bờ sông Chu",
      "--full-name",
      "Q2",
      "--role",
      "operator",
    ]);
    expect(old.code).toBe(0);
    expect(old.lines[0]).toMatch(/^warning: --password/);
  });

  it("asks for the password at a terminal without echoing it", async () => {
    // util-linux `script` gives the CLI a pseudo-terminal; the typed password must not come back.
    const secret = "cánh đồng lúa bên sông Chu";
    const dir = `/tmp/first-run-${process.pid}`;
    const cmd = "npx tsx src/server/cli/admin.cli.ts create-user --username tty --full-name TTY --role admin";
    const child = spawn("script", ["-qfec", cmd, "/dev/null"], {
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "", LOG_LEVEL: "silent", NODE_ENV: "test" },
    });
    let out = "";
    let answered = 0;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      out += chunk;
      // Type only once the prompt is shown, as a person does.
      const prompts = (out.match(/Mật khẩu cho tty: |Nhập lại mật khẩu: /g) ?? []).length;
      while (answered < prompts) {
        answered++;
        child.stdin.write(`${secret}\r`);
      }
    });
    await new Promise((resolve) => child.on("close", resolve));
    await rm(dir, { recursive: true, force: true });
    expect(out).toContain("user tty created (admin)");
    expect(out).not.toContain(secret);
  }, 120_000);
});

describe("issue 18 — start-up output and the limiter", () => {
  it("prints the addresses on their own lines, unconfigured channels once, and the first-run command", () => {
    const lines = startupLines({
      port: 3000,
      host: "0.0.0.0",
      lan: ["192.168.1.20"],
      database: "embedded, ./data",
      apiDocs: true,
      needsFirstAdministrator: true,
      unconfigured: [{ channel: "email", missing: ["SMTP_URL"] }],
    });
    const text = lines.join("\n");
    expect(text).toMatch(/^ {2}Cổng thông tin \(portal\) +http:\/\/localhost:3000\/$/m);
    expect(text).toMatch(/^ +http:\/\/192\.168\.1\.20:3000\/$/m);
    expect(text).toMatch(/^ {2}Bàn làm việc \(console\) +http:\/\/localhost:3000\/console\/$/m);
    expect(text).toMatch(/^ {2}API +http:\/\/localhost:3000\/api\/v1\/$/m);
    expect(text).toContain("Email: thiếu SMTP_URL");
    expect(text).toContain(FIRST_ADMIN_COMMAND);
    expect(lines.filter((l) => l.includes("SMTP")).length).toBe(1);
  });

  it("a token bucket refills one attempt at a time", () => {
    const b = createTokenBuckets({ capacity: 3, periodMs: 3_000 });
    expect([b.take("a", 0).ok, b.take("a", 0).ok, b.take("a", 0).ok]).toEqual([true, true, true]);
    expect(b.take("a", 0)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(b.take("a", 400)).toEqual({ ok: false, retryAfterMs: 600 });
    expect(b.take("a", 1000).ok).toBe(true);
    expect(b.take("b", 0).ok).toBe(true);
  });
});
