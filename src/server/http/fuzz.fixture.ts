import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { type StaffSession, signIn } from "../../test/staff.js";
import { execRawOne } from "../db/client.js";

/*
 * What the fuzz tests share (fuzz.test.ts: every declared route; fuzz-webhooks.test.ts: the signed
 * webhooks): the hostile values, the values shaped by the OpenAPI document, and the app with the
 * check made on every case (never a 5xx, a refusal stores nothing).
 */

export const SEED = Number(process.env.FUZZ_SEED ?? 1022);
export const RUNS = Number(process.env.FUZZ_RUNS ?? 16);
export const FB_SECRET = "fuzz-facebook-app-secret";
export const ZALO_SECRET = "fuzz-zalo-oa-secret";
export const ZALO_APP = "2553928453557884079";

export type JsonSchema = {
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
export interface Parameter {
  name: string;
  in: string;
  schema?: JsonSchema;
}
export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
export interface OpenApi {
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
export const hostileString: fc.Arbitrary<string> = fc.oneof(
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
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
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
    // Defined, not assigned: a "__proto__" key stays an own property and reaches the JSON text.
    for (const e of [...entries, more])
      if (e)
        Object.defineProperty(out, e[0], {
          value: e[1],
          enumerable: true,
          writable: true,
          configurable: true,
        });
    return out;
  });
}

/** A whole body: schema-shaped (mostly) or something else entirely, as the raw text sent. */
export function bodyFor(op: Operation | undefined, doc: OpenApi, ids: string[]): fc.Arbitrary<string> {
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

export function queryFor(op: Operation | undefined, doc: OpenApi, ids: string[]): fc.Arbitrary<string> {
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
export function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return escape(s);
  }
}

// ---------- the harness ----------

/** The app under fuzzing and what every case shares; its fields are set by the file's `beforeAll`. */
export class FuzzHarness {
  t!: TestApp;
  doc!: OpenApi;
  readonly sessions = new Map<string, StaffSession>();
  readonly ids: string[] = [];
  readonly stats = { endpoints: 0, cases: 0, serverErrors: 0, refusedWithWrites: 0 };
  readonly failures: string[] = [];
  readonly timings: [string, number][] = [];
  /** The row counts after the last accepted case: a refused case must leave them as they were. */
  snapshot = "";

  async counts(): Promise<string> {
    return JSON.stringify(
      await execRawOne(
        this.t.ctx.db,
        sql`select (select count(*)::int from requests) as r, (select count(*)::int from events) as e,
                   (select count(*)::int from outbox) as o, (select count(*)::int from channel_inbound) as i,
                   (select count(*)::int from kb_entries) as k, (select count(*)::int from answers) as a`,
      ),
    );
  }

  /** Sends one case: never a 5xx (but 503 UNAVAILABLE, e.g. the console not built), and a refusal stores nothing. */
  async send(label: string, caller: string, opts: InjectOptions): Promise<LightMyRequestResponse> {
    const { stats, failures } = this;
    const session = this.sessions.get(caller);
    const res = session ? await session.inject(opts) : await this.t.app.inject(opts);
    stats.cases++;
    const after = await this.counts();
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
    } else if (res.statusCode >= 400 && after !== this.snapshot) {
      stats.refusedWithWrites++;
      if (failures.length < 20)
        failures.push(
          `${label} as ${caller}: refused with ${res.statusCode} but stored rows ${this.snapshot} → ${after} ${res.body.slice(0, 200)} ${String(opts.payload ?? "").slice(0, 400)}`,
        );
    }
    this.snapshot = after;
    // Signing out ends the session: sign in again so the next cases still reach the handlers.
    if (session && label.includes("/auth/logout"))
      this.sessions.set(caller, await signIn(this.t.app, caller));
    return res;
  }

  /** What a property asks of a case `send` judged: no 5xx, but a 503 (a state, not a crash). */
  held(res: LightMyRequestResponse): boolean {
    return res.statusCode < 500 || res.statusCode === 503;
  }

  /** A property's run that failed (a case, or the harness itself throwing), among the failures. */
  recordRun(label: string, run: { failed: boolean; errorInstance: unknown }): void {
    if (run.failed)
      this.failures.push(`${label}: ${String(run.errorInstance ?? "property failed").slice(0, 500)}`);
  }
}

/**
 * Registers the file's app (staff seeded, webhook secrets set, every role signed in, one request
 * created) and its closing, which prints what was covered.
 */
export function useFuzzApp(): FuzzHarness {
  const h = new FuzzHarness();
  beforeAll(async () => {
    h.t = await createTestApp({
      seed: "staff",
      FACEBOOK_APP_SECRET: FB_SECRET,
      ZALO_OA_SECRET_KEY: ZALO_SECRET,
      ZALO_APP_ID: ZALO_APP,
    });
    h.doc = (await h.t.app.inject({ method: "GET", url: "/api/openapi.json" })).json<OpenApi>();
    for (const role of ["operator", "focal", "leader", "coordinator", "admin"])
      h.sessions.set(role, await signIn(h.t.app, role));
    const created = await h.t.app.inject({
      method: "POST",
      url: "/api/v1/public/requests",
      payload: {
        fullName: "Nguyễn Văn An",
        phone: "0987654321",
        address: "Thôn 3, xã Quảng Phú",
        content: "Xin hỏi thủ tục nhận hỗ trợ cho lao động mất việc?",
      },
    });
    const list = await h.sessions.get("operator")?.inject({ method: "GET", url: "/api/v1/requests" });
    const first = list?.json<{ items: { id: string }[] }>().items[0];
    if (first) h.ids.push(first.id);
    expect(created.statusCode).toBe(201);
    h.snapshot = await h.counts();
    console.log(`fuzz seed ${SEED}, ${RUNS} runs per endpoint (FUZZ_SEED / FUZZ_RUNS to change)`);
  }, 60_000);
  afterAll(async () => {
    const { stats } = h;
    console.log(
      `fuzz: ${stats.endpoints} endpoints covered, ${stats.cases} cases run, ${stats.serverErrors} × 5xx, ${stats.refusedWithWrites} refusals that stored something`,
    );
    if (process.env.FUZZ_TIMINGS) console.log(h.timings.sort((a, b) => b[1] - a[1]).slice(0, 15));
    await h.t?.close();
  });
  return h;
}

/** A JSON text as form fields when it is an object of scalars; otherwise one field holding it. */
export function safeJsonObject(text: string): Record<string, string> {
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
