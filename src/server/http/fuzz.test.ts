import { createHash, createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { type StaffSession, signIn } from "../../test/staff.js";
import { execRawOne } from "../db/client.js";
import { declaredRoutes } from "./route-guard.js";

/**
 * Property-based fuzzing of every route the app declares (issue 14): public endpoints, the portal,
 * the webhooks (signed, so hostile text reaches the parser and the queue) and every staff endpoint
 * as each role. Routes come from the app itself (declaredRoutes) and their fields from the OpenAPI
 * document it serves, so a new endpoint is fuzzed without touching this file. Each case mixes
 * schema-shaped values with hostile ones (NUL, lone surrogates, control characters, huge strings,
 * wrong types, deep nesting, prototype keys, numbers as strings, arrays for scalars).
 * Asserted: never a 5xx, and a refused request stores nothing (requests, events, outbox, inbound
 * queue, Q&A entries). The seed is fixed and printed; FUZZ_SEED and FUZZ_RUNS override it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 1022);
const RUNS = Number(process.env.FUZZ_RUNS ?? 16);
const FB_SECRET = "fuzz-facebook-app-secret";
const ZALO_SECRET = "fuzz-zalo-oa-secret";
const ZALO_APP = "2553928453557884079";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  $ref?: string;
};
interface Parameter {
  name: string;
  in: string;
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

// ---------- hostile values ----------

const nasty = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfff",
  "\u001b[31m",
  "a\u007f",
  "\u202etxt.exe",
  "'; drop table requests; --",
  "%00",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "-1",
  "0",
  "1e309",
  "NaN",
  "true",
  "null",
  "{}",
  "[]",
  "__proto__",
  "constructor",
  "2026-02-30",
  "2026-13-01T25:61:00Z",
  "😀".repeat(50),
  "9".repeat(400),
  " ",
  "",
];
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nasty) },
  {
    weight: 2,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 30,
    }),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(5_000), "á".repeat(300_000)) },
);
const deep = (n: number): unknown => {
  let v: unknown = "x";
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -0, 2 ** 53 + 1, -1, 0, 1.5) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom({}, { __proto__x: 1 }, deep(40), [[[]]]) },
);

// ---------- schema-shaped values ----------

function valueFor(
  schema: JsonSchema | undefined,
  doc: OpenApi,
  ids: string[],
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return hostileValue;
  if (schema.$ref)
    return valueFor(doc.components?.schemas?.[schema.$ref.split("/").pop() ?? ""], doc, ids, depth + 1);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valueFor(s, doc, ids, depth + 1)));
  if (schema.allOf?.length) return valueFor(schema.allOf[0], doc, ids, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "string":
      if (schema.format === "uuid") return fc.oneof(fc.constantFrom(...ids), fc.uuid());
      if (schema.format === "date-time")
        return fc.constantFrom("2026-03-02T09:00:00+07:00", "2026-03-10T17:00:00Z");
      if (schema.format === "date") return fc.constantFrom("2026-03-02", "2026-01-01");
      if (schema.format === "email") return fc.constant("nguoi.dan@example.vn");
      return fc
        .constantFrom(
          "Nội dung hợp lệ để kiểm tra: xin hỏi thủ tục hỗ trợ",
          "0987654321",
          "SYT",
          "Nguyễn Văn An",
        )
        .map((s) => s.slice(0, schema.maxLength ?? s.length).padEnd(schema.minLength ?? 0, "a"));
    case "integer":
    case "number":
      return fc.integer({
        min: schema.minimum ?? 0,
        max: Math.min(schema.maximum ?? 100, (schema.minimum ?? 0) + 100),
      });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(valueFor(schema.items, doc, ids, depth + 1), { maxLength: 3 });
    case "object":
      return objectFor(schema, doc, ids, depth);
    default:
      return hostileValue;
  }
}

/** An object with the schema's fields, each either well-shaped or hostile, sometimes missing or extra. */
function objectFor(
  schema: JsonSchema,
  doc: OpenApi,
  ids: string[],
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema.properties ?? {});
  const fields = props.map(([name, s]) =>
    fc.oneof(
      { weight: 6, arbitrary: valueFor(s, doc, ids, depth + 1).map((v) => [name, v] as const) },
      { weight: 3, arbitrary: hostileValue.map((v) => [name, v] as const) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
  );
  const extra = fc.option(
    fc.tuple(fc.constantFrom("__proto__", "constructor", "prototype", "a\u0000", "x"), hostileValue),
    { freq: 4 },
  );
  return fc.tuple(fc.tuple(...fields), extra).map(([entries, more]) => {
    const out: Record<string, unknown> = {};
    for (const e of entries)
      if (e)
        Object.defineProperty(out, e[0], {
          value: e[1],
          enumerable: true,
          writable: true,
          configurable: true,
        });
    if (more)
      Object.defineProperty(out, more[0], {
        value: more[1],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  });
}

/** A whole body: schema-shaped (mostly) or something else entirely, as the raw text sent. */
function bodyFor(op: Operation | undefined, doc: OpenApi, ids: string[]): fc.Arbitrary<string> {
  const schema = op?.requestBody?.content?.["application/json"]?.schema;
  const shaped = schema
    ? valueFor(schema, doc, ids).map((v) => JSON.stringify(v) ?? "null")
    : fc.constant("{}");
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    { weight: 1, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? "null") },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"x":1}}}',
        `${"[".repeat(5000)}${"]".repeat(5000)}`,
        '{"a":',
        "",
      ),
    },
  );
}

function queryFor(op: Operation | undefined, doc: OpenApi, ids: string[]): fc.Arbitrary<string> {
  const params = (op?.parameters ?? []).filter((p) => p.in === "query");
  const entries = params.map((p) =>
    fc.oneof(
      { weight: 4, arbitrary: valueFor(p.schema, doc, ids).map((v) => [p.name, v] as const) },
      { weight: 3, arbitrary: hostileValue.map((v) => [p.name, v] as const) },
      { weight: 2, arbitrary: fc.constant(null) },
    ),
  );
  const extra = fc.option(
    fc.tuple(fc.constantFrom("q", "page", "__proto__", "a[b]", "x\u0000"), hostileString),
    { freq: 3 },
  );
  return fc.tuple(fc.tuple(...entries), extra).map(([list, more]) => {
    const parts: string[] = [];
    for (const e of [...list, more]) {
      if (!e) continue;
      const values = Array.isArray(e[1]) ? e[1] : [e[1]];
      for (const v of values)
        parts.push(`${encode(e[0])}=${encode(typeof v === "string" ? v : (JSON.stringify(v) ?? ""))}`);
    }
    return parts.length ? `?${parts.join("&")}` : "";
  });
}

/** encodeURIComponent that also carries lone surrogates (as their raw UTF-16 escape, which decoders keep). */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return escape(s);
  }
}

// ---------- the run ----------

describe("fuzzing every endpoint (issue 14): no 5xx, nothing stored on refusal", () => {
  let t: TestApp;
  let doc: OpenApi;
  const sessions = new Map<string, StaffSession>();
  const ids: string[] = [];
  const stats = { endpoints: 0, cases: 0, serverErrors: 0, refusedWithWrites: 0 };
  const failures: string[] = [];
  const timings: [string, number][] = [];

  const counts = async () =>
    JSON.stringify(
      await execRawOne(
        t.ctx.db,
        sql`select (select count(*)::int from requests) as r, (select count(*)::int from events) as e,
                   (select count(*)::int from outbox) as o, (select count(*)::int from channel_inbound) as i,
                   (select count(*)::int from kb_entries) as k, (select count(*)::int from answers) as a`,
      ),
    );

  beforeAll(async () => {
    t = await createTestApp({
      seed: "staff",
      FACEBOOK_APP_SECRET: FB_SECRET,
      ZALO_OA_SECRET_KEY: ZALO_SECRET,
      ZALO_APP_ID: ZALO_APP,
    });
    doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json<OpenApi>();
    for (const role of ["operator", "focal", "leader", "coordinator", "admin"])
      sessions.set(role, await signIn(t.app, role));
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/public/requests",
      payload: {
        fullName: "Nguyễn Văn An",
        phone: "0987654321",
        address: "Thôn 3, xã Quảng Phú",
        content: "Xin hỏi thủ tục nhận hỗ trợ cho lao động mất việc?",
      },
    });
    const list = await sessions.get("operator")?.inject({ method: "GET", url: "/api/v1/requests" });
    const first = list?.json<{ items: { id: string }[] }>().items[0];
    if (first) ids.push(first.id);
    expect(created.statusCode).toBe(201);
    snapshot = await counts();
    console.log(`fuzz seed ${SEED}, ${RUNS} runs per endpoint (FUZZ_SEED / FUZZ_RUNS to change)`);
  }, 60_000);

  afterAll(async () => {
    console.log(
      `fuzz: ${stats.endpoints} endpoints covered, ${stats.cases} cases run, ${stats.serverErrors} × 5xx, ${stats.refusedWithWrites} refusals that stored something`,
    );
    if (process.env.FUZZ_TIMINGS) console.log(timings.sort((a, b) => b[1] - a[1]).slice(0, 15));
    await t?.close();
  });

  /** The row counts after the last accepted case: a refused case must leave them as they were. */
  let snapshot = "";

  /** Sends one case: never a 5xx (but 503 UNAVAILABLE, e.g. the console not built), and a refusal stores nothing. */
  async function send(label: string, caller: string, opts: InjectOptions): Promise<LightMyRequestResponse> {
    const session = sessions.get(caller);
    const res = session ? await session.inject(opts) : await t.app.inject(opts);
    stats.cases++;
    const after = await counts();
    // 503 is a state, not a crash: UNAVAILABLE, or the console's page when it has not been built.
    const unavailable =
      res.statusCode === 503 &&
      (res.body.includes('"UNAVAILABLE"') || String(opts.url).startsWith("/console"));
    if (res.statusCode >= 500 && !unavailable) {
      stats.serverErrors++;
      if (failures.length < 20)
        failures.push(
          `${label} as ${caller}: ${res.statusCode} ${String(opts.url).slice(0, 200)} ${String(opts.payload ?? "").slice(0, 300)}`,
        );
    } else if (res.statusCode >= 400 && after !== snapshot) {
      stats.refusedWithWrites++;
      if (failures.length < 20)
        failures.push(
          `${label} as ${caller}: refused with ${res.statusCode} but stored rows ${snapshot} → ${after} ${res.body.slice(0, 200)} ${String(opts.payload ?? "").slice(0, 400)}`,
        );
    }
    snapshot = after;
    // Signing out ends the session: sign in again so the next cases still reach the handlers.
    if (session && label.includes("/auth/logout")) sessions.set(caller, await signIn(t.app, caller));
    return res;
  }

  it.skipIf(process.env.FUZZ_ONLY === "webhooks")(
    "every declared route, as every kind of caller",
    async () => {
      const routes = declaredRoutes(t.app).filter(
        (r) => !r.url.includes("*") && !r.url.startsWith("/api/v1/channels/"),
      );
      for (const route of routes) {
        const path = route.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
        const op = doc.paths[path]?.[route.method.toLowerCase()];
        // The live stream never ends for a signed-in caller (inject would wait forever): anonymous only.
        const streaming = route.url === "/api/v1/stream";
        const callers =
          route.access === undefined || streaming
            ? ["anonymous", "operator"].slice(0, streaming ? 1 : 2)
            : ["anonymous", ...sessions.keys()];
        const hasBody = !["GET", "HEAD", "DELETE"].includes(route.method);
        const paramArb = fc.record(
          Object.fromEntries(
            [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => [
              m[1],
              fc.oneof(
                fc.constantFrom(...(ids.length ? ids : ["x"])),
                fc.uuid(),
                fc.constantFrom("2603-ZZZZZZ", "SYT", "1"),
                hostileString.filter((s) => s.length < 500),
              ),
            ]),
          ),
        );
        stats.endpoints++;
        const label = `${route.method} ${route.url}`;
        const property = fc.asyncProperty(
          fc.constantFrom(...callers),
          paramArb,
          queryFor(op, doc, ids),
          hasBody ? bodyFor(op, doc, ids) : fc.constant(undefined),
          fc.constantFrom(
            "application/json",
            "application/json",
            "application/x-www-form-urlencoded",
            "text/plain",
          ),
          async (caller, params, query, body, contentType) => {
            const url = route.url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) =>
              encode(String((params as Record<string, string>)[name] ?? "")),
            );
            const opts: InjectOptions = {
              method: route.method as InjectOptions["method"],
              url: `${url}${query}`,
            };
            if (body !== undefined) {
              opts.payload =
                contentType === "application/x-www-form-urlencoded"
                  ? new URLSearchParams(safeJsonObject(body)).toString()
                  : body;
              opts.headers = { "content-type": contentType };
            }
            const res = await send(label, caller, opts);
            return res.statusCode < 500 || res.statusCode === 503; // send() judged and recorded it
          },
        );
        const started = Date.now();
        const run = await fc.check(property, { numRuns: RUNS, seed: SEED, endOnFailure: true });
        if (run.failed)
          failures.push(`${label}: ${String(run.errorInstance ?? "property failed").slice(0, 500)}`);
        timings.push([label, Date.now() - started]);
      }
      expect(failures).toEqual([]);
      expect(stats.serverErrors).toBe(0);
    },
    110_000,
  );

  it("the webhooks, signed, with hostile events", async () => {
    failures.length = 0;
    const noHarnessError = (run: { failed: boolean; errorInstance: unknown }) => {
      if (run.failed)
        failures.push(`webhook: ${String(run.errorInstance ?? "property failed").slice(0, 500)}`);
    };
    const now = () => t.clock.now().getTime();
    const zaloEvent = fc.record({
      app_id: fc.oneof(fc.constant(ZALO_APP), hostileValue),
      event_name: fc.oneof(
        fc.constantFrom("user_send_text", "user_send_image", "follow", "user_send_location"),
        hostileString,
      ),
      sender: fc.record({ id: fc.oneof(fc.constant("6142494823123456789"), hostileValue) }),
      message: fc.record({
        msg_id: fc.oneof(fc.uuid(), hostileValue),
        text: fc.oneof(fc.constant("Đường Lê Lợi bị ngập"), hostileValue),
        attachments: fc.oneof(
          fc.constant(undefined),
          fc.array(
            fc.record({
              type: fc.oneof(fc.constantFrom("image", "location", "file"), hostileValue),
              payload: fc.oneof(
                fc.record({
                  url: hostileValue,
                  name: hostileValue,
                  coordinates: fc.record({ latitude: hostileValue, longitude: hostileValue }),
                }),
                hostileValue,
              ),
            }),
            { maxLength: 2 },
          ),
        ),
      }),
      timestamp: fc.oneof(fc.constant("now"), hostileValue),
    });
    const facebookEvent = fc.record({
      object: fc.oneof(fc.constant("page"), hostileValue),
      entry: fc.oneof(
        fc.array(
          fc.record({
            id: fc.constant("1234"),
            time: fc.constant(1),
            messaging: fc.oneof(
              fc.array(
                fc.record({
                  sender: fc.record({ id: fc.oneof(fc.constant("24680"), hostileValue) }),
                  recipient: fc.record({ id: fc.constant("1234") }),
                  timestamp: fc.oneof(fc.constant("now"), hostileValue),
                  message: fc.oneof(
                    fc.record({ mid: fc.oneof(fc.uuid(), hostileValue), text: hostileValue }),
                    hostileValue,
                  ),
                }),
                { maxLength: 2 },
              ),
              hostileValue,
            ),
          }),
          { maxLength: 2 },
        ),
        hostileValue,
      ),
    });
    const fill = (event: unknown) => JSON.stringify(event, (_k, v) => (v === "now" ? String(now()) : v));
    await fc
      .check(
        fc.asyncProperty(zaloEvent, fc.boolean(), async (event, signed) => {
          const raw = fill(event);
          const parsed = JSON.parse(raw) as { app_id?: unknown; timestamp?: unknown };
          const mac = createHash("sha256")
            .update(`${String(parsed.app_id ?? "")}`)
            .update(raw)
            .update(`${String(parsed.timestamp ?? "")}`)
            .update(ZALO_SECRET)
            .digest("hex");
          const res = await send("POST /api/v1/channels/zalo/webhook", "anonymous", {
            method: "POST",
            url: "/api/v1/channels/zalo/webhook",
            headers: {
              "content-type": "application/json",
              "x-zevent-signature": `mac=${signed ? mac : "0".repeat(64)}`,
            },
            payload: raw,
          });
          return res.statusCode < 500 || res.statusCode === 503; // send() judged and recorded it
        }),
        { numRuns: RUNS * 8, seed: SEED, endOnFailure: true },
      )
      .then(noHarnessError);
    await fc
      .check(
        fc.asyncProperty(facebookEvent, fc.boolean(), async (event, signed) => {
          const raw = fill(event);
          const sig = createHmac("sha256", FB_SECRET).update(raw).digest("hex");
          const res = await send("POST /api/v1/channels/facebook/webhook", "anonymous", {
            method: "POST",
            url: "/api/v1/channels/facebook/webhook",
            headers: {
              "content-type": "application/json",
              "x-hub-signature-256": `sha256=${signed ? sig : "0".repeat(64)}`,
            },
            payload: raw,
          });
          return res.statusCode < 500 || res.statusCode === 503; // send() judged and recorded it
        }),
        { numRuns: RUNS * 8, seed: SEED, endOnFailure: true },
      )
      .then(noHarnessError);
    await fc
      .check(
        fc.asyncProperty(
          queryFor(undefined, doc, ids),
          fc.record({ mode: hostileString, token: hostileString, challenge: hostileString }),
          async (_q, h) => {
            const res = await send("GET /api/v1/channels/facebook/webhook", "anonymous", {
              method: "GET",
              url: `/api/v1/channels/facebook/webhook?hub.mode=${encode(h.mode)}&hub.verify_token=${encode(h.token)}&hub.challenge=${encode(h.challenge)}`,
            });
            return res.statusCode < 500 || res.statusCode === 503; // send() judged and recorded it
          },
        ),
        { numRuns: RUNS, seed: SEED },
      )
      .then(noHarnessError);
    stats.endpoints += 3;
    expect(failures).toEqual([]);
  }, 60_000);
});

/** A JSON text as form fields when it is an object of scalars; otherwise one field holding it. */
function safeJsonObject(text: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, typeof x === "string" ? x : (JSON.stringify(x) ?? "")]),
      );
    }
  } catch {
    // fall through
  }
  return { body: text };
}
