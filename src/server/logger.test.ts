import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../test/harness.js";
import { signIn } from "../test/staff.js";
import { messengerText, postFacebookWebhook } from "./channels/testing/chat-webhooks.js";
import { execRaw } from "./db/client.js";
import { createInboundWorker } from "./jobs/inbound.worker.js";
import { cleanErrorText, createLogger, errSerializer, redactObject, redactUrl } from "./logger.js";

describe("logs carry no personal data (R-SE2)", () => {
  it("redacts the phone number of the follow endpoint, searches and verify tokens", () => {
    expect(redactUrl("/api/v1/public/requests/2603-7KQ9MX?phone=0912345678")).toBe(
      "/api/v1/public/requests/2603-7KQ9MX?phone=[redacted]",
    );
    expect(redactUrl("/x?a=1&email=a%40b.vn&b=2")).toBe("/x?a=1&email=[redacted]&b=2");
    expect(redactUrl("/hoi-dap?q=Nguy%E1%BB%85n&page=2")).toBe("/hoi-dap?q=[redacted]&page=2");
    // Keys as the query parser reads them: percent-encoded, any case, with [] (2 December 2026).
    expect(redactUrl("/x?%70hone=0912345678&Email=a%40b.vn&q[]=An&sdt%5B%5D=09&ok=1")).toBe(
      "/x?%70hone=[redacted]&Email=[redacted]&q[]=[redacted]&sdt%5B%5D=[redacted]&ok=1",
    );
    expect(redactUrl("/x?%E0=1&phone")).toBe("/x?%E0=1&phone");
    expect(redactUrl("/api/v1/channels/facebook/webhook?hub.mode=subscribe&hub.verify_token=s3cret")).toBe(
      "/api/v1/channels/facebook/webhook?hub.mode=subscribe&hub.verify_token=[redacted]",
    );
  });

  it("redacts follow-link secrets in the path", () => {
    const secret = "a".repeat(43);
    expect(redactUrl(`/theo-doi/${secret}`)).toBe("/theo-doi/[redacted]");
    expect(redactUrl(`/api/v1/public/follow/${secret}?x=1`)).toBe("/api/v1/public/follow/[redacted]?x=1");
  });

  it("redacts personal keys at any depth and the values of a failed statement", () => {
    expect(
      redactObject({ a: { requester: { fullName: "An" } }, list: [{ phone: "0912345678" }], ok: 1 }),
    ).toEqual({ a: { requester: "[redacted]" }, list: [{ phone: "[redacted]" }], ok: 1 });
    expect(cleanErrorText("Failed query: insert into x values ($1)\nparams: Nguyễn Văn An,0912345678")).toBe(
      "Failed query: insert into x values ($1)\nparams: [redacted]",
    );
    const driver = Object.assign(new Error('invalid input syntax for type integer: "Nguyễn Văn An"'), {
      code: "22P02",
      severity: "ERROR",
      detail: "Key (phone)=(0912345678) already exists.",
      parameters: ["Nguyễn Văn An"],
    });
    const wrapped = new Error("Failed query: select $1::int\nparams: Nguyễn Văn An", { cause: driver });
    const text = JSON.stringify(errSerializer(wrapped));
    expect(text).not.toMatch(/Nguyễn|0912345678/);
    expect(text).toContain("22P02");
  });
});

/**
 * A realistic flow with every log line captured at trace level (issue 14): intake with personal
 * data, edits, a statement that fails with personal parameters, a webhook carrying personal data
 * and its processing. The captured log must not contain any of it, in any of its spellings.
 */
describe("a whole flow's log holds none of the seeded personal data", () => {
  const person = {
    fullName: "Trịnh Thị Bích Ngọc",
    phone: "0912 345 678",
    email: "bichngoc.trinh@example.vn",
    address: "Số 17 ngõ 42 phố Hàm Rồng",
    content: "Con tôi bị sốt xuất huyết, trạm y tế xã Đông Vinh không nhận khám buổi tối",
  };
  const needles = [
    person.fullName,
    "Bích Ngọc",
    "0912345678",
    "0912 345 678",
    "+84912345678",
    "84912345678",
    "912345678",
    person.email,
    "bichngoc",
    "ngõ 42",
    "Hàm Rồng",
    "sốt xuất huyết",
    "Đông Vinh",
    "Lê Văn Sửa",
    "sửa lại địa chỉ",
  ];

  it("intake, edit, failing statement, webhook, inbound processing: no hit", async () => {
    const lines: string[] = [];
    const capture = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const secret = "log-test-facebook-secret";
    const t = await createTestApp({
      seed: "staff",
      LOG_LEVEL: "trace",
      logDestination: capture,
      FACEBOOK_APP_SECRET: secret,
    });
    try {
      // Intake from the portal and by an operator.
      const pub = await t.app.inject({ method: "POST", url: "/api/v1/public/requests", payload: person });
      expect(pub.statusCode).toBe(201);
      const code = pub.json<{ code: string }>().code;
      const follow = await t.app.inject({
        method: "GET",
        url: `/api/v1/public/requests/${code}?phone=${encodeURIComponent(person.phone)}`,
      });
      expect(follow.statusCode).toBe(200);
      // The same look-up with the key percent-encoded (%70hone is phone to the query parser).
      const encodedKey = await t.app.inject({
        method: "GET",
        url: `/api/v1/public/requests/${code}?%70hone=${encodeURIComponent(person.phone)}`,
      });
      expect(encodedKey.statusCode).toBe(200);
      const operator = await signIn(t.app, "operator");
      const created = await operator.inject({
        method: "POST",
        url: "/api/v1/requests",
        payload: { requester: { ...person, fullName: "Lê Văn Sửa" }, content: person.content },
      });
      expect(created.statusCode).toBe(201);
      const { id, version } = created.json<{ id: string; version: number }>();
      // Edits, one refused (stale version), one accepted.
      const stale = await operator.inject({
        method: "PATCH",
        url: `/api/v1/requests/${id}`,
        payload: { version: version + 5, content: `${person.content} — sửa lại địa chỉ` },
      });
      expect(stale.statusCode).toBe(409);
      const edited = await operator.inject({
        method: "PATCH",
        url: `/api/v1/requests/${id}`,
        payload: {
          version,
          content: `${person.content} — sửa lại địa chỉ`,
          requester: { address: person.address },
        },
      });
      expect(edited.statusCode).toBe(200);
      // Searches with personal data in the query string.
      await operator.inject({
        method: "GET",
        url: `/api/v1/requests?q=${encodeURIComponent(person.fullName)}`,
      });
      await t.app.inject({ method: "GET", url: `/hoi-dap?q=${encodeURIComponent(person.content)}` });
      // The desk's duplicate check while the operator types the caller's words (2 December 2026).
      const typed = await operator.inject({
        method: "GET",
        url: `/api/v1/requests/duplicates?content=${encodeURIComponent(`${person.content}, gọi ${person.phone}`)}`,
      });
      expect(typed.statusCode).toBe(200);
      // An Open311 client that puts its key in the query string as well.
      await t.app.inject({ method: "GET", url: "/open311/v2/requests.json?api_key=log-test-open311-key" });
      // Refused input carrying personal data.
      await t.app.inject({
        method: "POST",
        url: "/api/v1/public/requests",
        payload: { ...person, content: `${person.content}\u0000` },
      });
      // A statement that fails with personal parameters, logged as the error handler would.
      const failure = await execRaw(
        t.ctx.db,
        sql`select ${person.fullName}::int as n, ${person.phone} as p, ${person.email} as e`,
      ).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      t.ctx.logger.error({ err: failure }, "unhandled error");
      t.ctx.logger.warn({ err: failure, requester: person, body: person }, "with context");
      // A signed webhook with personal data, then the worker that turns it into a request.
      const raw = messengerText({
        page: "1",
        psid: "24680",
        mid: "m-1",
        text: `${person.fullName}, ${person.phone}: ${person.content}`,
        at: t.clock.now().getTime(),
        entryTime: 1,
      });
      const hook = await postFacebookWebhook(t.app, secret, raw);
      expect(hook.statusCode).toBe(200);
      await createInboundWorker(t.ctx, t.services.requests.intakeFromChannel).runOnce();
    } finally {
      await t.close();
    }
    const log = lines.join("");
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain("unhandled error");
    expect(log).toContain("22P02");
    // Request lines carry URLs: a needle percent-encoded in a query string is a hit too.
    const hits = [...needles, "log-test-open311-key"].filter(
      (n) => log.includes(n) || log.includes(encodeURIComponent(n)),
    );
    expect(
      hits,
      hits.length
        ? log
            .split("\n")
            .filter((l) => hits.some((h) => l.includes(h)))
            .join("\n")
            .slice(0, 3000)
        : "",
    ).toEqual([]);
  });

  it("LOG_FILE sends the log to a file", async () => {
    const { mkdtemp, readFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const file = join(await mkdtemp(join(tmpdir(), "log-")), "run.log");
    const logger = createLogger({ LOG_LEVEL: "info", LOG_FILE: file });
    logger.info({ phone: "0912345678", n: 1 }, "written");
    logger.flush();
    const text = await readFile(file, "utf8");
    expect(text).toContain('"msg":"written"');
    expect(text).not.toContain("0912345678");
  });
});
