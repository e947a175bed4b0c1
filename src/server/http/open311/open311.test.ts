import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { open311Driver, parseXml, xmlErrors } from "../../../test/open311.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { selectOne } from "../../db/client.js";

/**
 * Open311 GeoReport v2 conformance (issue 17, INTEGRATIONS.md §5): every endpoint in JSON and XML,
 * and every error the spec names, in its shape (`[{code, description}]`, `<errors><error>…`).
 */
describe("Open311 GeoReport v2", () => {
  const s = useStaffApp({ users: ["admin", "operator"], now: new Date("2026-03-10T09:00:00+07:00") });
  let o: ReturnType<typeof open311Driver>;
  let key: string;
  let revokedKey: string;
  const field = "y-te-xet-nghiem-tiem-phong";
  const form = () => ({
    api_key: key,
    service_code: field,
    lat: "19.8067",
    long: "105.7852",
    first_name: "Lê Thị",
    last_name: "Hoa",
    phone: "0912345678",
    email: "hoa@example.vn",
    address_string: "Số 5 Lê Lợi, phường Hạc Thành",
    description: "Đề nghị cho biết lịch tiêm vắc xin cho trẻ em ở trạm y tế phường.",
  });

  const jsonErrors = (res: { json(): unknown }) =>
    z
      .array(z.object({ code: z.number(), description: z.string().min(1) }))
      .length(1)
      .parse(res.json());

  /** The same error, same status and code, in both formats. */
  async function expectError(call: (fmt: "json" | "xml") => Promise<LightMyRequestResponse>, status: number) {
    const j = await call("json");
    expect(j.statusCode, j.body).toBe(status);
    expect(j.headers["content-type"]).toContain("application/json");
    expect(jsonErrors(j)[0]?.code).toBe(status);
    const x = await call("xml");
    expect(x.statusCode, x.body).toBe(status);
    expect(x.headers["content-type"]).toContain("text/xml");
    const errs = xmlErrors(x);
    expect(errs).toHaveLength(1);
    expect(errs[0]?.code).toBe(status);
    expect(errs[0]?.description.length).toBeGreaterThan(0);
  }

  beforeAll(async () => {
    o = open311Driver(s.t);
    key = (await o.issueKey(s.admin, "Ứng dụng thành phố")).apiKey;
    const revoked = await o.issueKey(s.admin, "Hệ thống cũ");
    revokedKey = revoked.apiKey;
    const r = await s.admin.inject({ method: "POST", url: `/api/v1/admin/api-keys/${revoked.id}/revoke` });
    expect(r.statusCode).toBe(200);
  });

  it("discovery, in JSON and XML", async () => {
    const j = await o.get("/open311/v2/discovery.json");
    expect(j.statusCode).toBe(200);
    const d = j.json();
    expect(d.endpoints[0]).toMatchObject({
      specification: "http://wiki.open311.org/GeoReport_v2",
      formats: ["application/json", "text/xml"],
    });
    expect(d.endpoints[0].url).toMatch(/\/open311\/v2\/$/);
    const x = parseXml(await o.get("/open311/v2/discovery.xml"));
    expect(x.name).toBe("discovery");
    expect(x.descendantWithPath("endpoints.endpoint.specification")?.val).toBe(
      "http://wiki.open311.org/GeoReport_v2",
    );
    expect(
      x
        .descendantWithPath("endpoints.endpoint.formats")
        ?.childrenNamed("format")
        .map((f) => f.val),
    ).toEqual(["application/json", "text/xml"]);
  });

  it("services are the fields: service_code, metadata, type realtime, keywords, group", async () => {
    const j = await o.get("/open311/v2/services.json");
    expect(j.statusCode).toBe(200);
    const list = j.json() as Record<string, unknown>[];
    expect(list.length).toBeGreaterThanOrEqual(9);
    const s = list.find((x) => x.service_code === field);
    expect(s).toMatchObject({ metadata: true, type: "realtime", group: "Tổng đài 1022" });
    expect(typeof s?.service_name).toBe("string");
    expect(typeof s?.keywords).toBe("string");
    const x = parseXml(await o.get("/open311/v2/services.xml"));
    expect(x.name).toBe("services");
    const services = x.childrenNamed("service");
    expect(services).toHaveLength(list.length);
    const sx = services.find((e) => e.valueWithPath("service_code") === field);
    expect(sx?.valueWithPath("type")).toBe("realtime");
    expect(sx?.valueWithPath("metadata")).toBe("true");
    expect(sx?.valueWithPath("service_name")).toBe(s?.service_name);
  });

  it("a service definition: optional attributes only; an unknown service_code is 404", async () => {
    const j = await o.get(`/open311/v2/services/${field}.json`);
    expect(j.statusCode).toBe(200);
    const def = j.json();
    expect(def.service_code).toBe(field);
    expect(def.attributes.length).toBeGreaterThan(0);
    expect(def.attributes.every((a: { required: boolean }) => a.required === false)).toBe(true);
    const x = parseXml(await o.get(`/open311/v2/services/${field}.xml`));
    expect(x.name).toBe("service_definition");
    const attr = x.descendantWithPath("attributes.attribute");
    expect(attr?.valueWithPath("code")).toBe("publish_consent");
    expect(attr?.valueWithPath("required")).toBe("false");
    expect(
      attr
        ?.descendantWithPath("values")
        ?.childrenNamed("value")
        .map((v) => v.valueWithPath("key")),
    ).toEqual(["yes", "no"]);
    await expectError((f) => o.get(`/open311/v2/services/khong-co.${f}`), 404);
    await expectError((f) => o.get(`/open311/v2/services.${f}?jurisdiction_id=other.example`), 404);
  });

  it("POST requests (form-encoded) files through the portal's intake, with the integrator recorded", async () => {
    const j = await o.post("json", form());
    expect(j.statusCode, j.body).toBe(201);
    const [created] = j.json();
    expect(created).toEqual({
      service_request_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      service_notice: expect.any(String),
      account_id: null,
    });
    const row = await selectOne(
      s.t.ctx.db,
      z.object({
        channel: z.string(),
        contact_name: z.string(),
        label: z.string(),
        data: z.any(),
        consent: z.boolean(),
      }),
      sql`select r.channel, r.contact_name, e.actor_label as label, e.data, r.publish_consent as consent
          from requests r join events e on e.request_id = r.id and e.kind = 'received'
          where r.public_id = ${created.service_request_id}`,
    );
    expect(row).toMatchObject({
      channel: "portal",
      contact_name: "Lê Thị Hoa",
      label: "Open311: Ứng dụng thành phố",
    });
    expect(row?.data.open311.integrator).toBe("Ứng dụng thành phố");
    expect(row?.consent).toBe(false);

    const x = await o.post("xml", { ...form(), "attribute[publish_consent]": "yes", phone: "0987654321" });
    expect(x.statusCode, x.body).toBe(201);
    const doc = parseXml(x);
    expect(doc.name).toBe("service_requests");
    expect(doc.valueWithPath("request.service_request_id")).toMatch(/^[0-9a-f]{16}$/);

    // tokens: the id a POST returned maps to itself (we are realtime)
    const tok = await o.get(`/open311/v2/tokens/${created.service_request_id}.json`);
    expect(tok.statusCode).toBe(200);
    expect(tok.json()).toEqual([
      { service_request_id: created.service_request_id, token: created.service_request_id },
    ]);
    const tx = parseXml(await o.get(`/open311/v2/tokens/${created.service_request_id}.xml`));
    expect(tx.valueWithPath("request.token")).toBe(created.service_request_id);
    await expectError((f) => o.get(`/open311/v2/tokens/0123456789abcdef.${f}`), 404);
  });

  it("POST errors: api_key missing, unknown or revoked → 403; unknown service_code → 404; missing fields → 400", async () => {
    const before = await selectOne(
      s.t.ctx.db,
      z.object({ n: z.number() }),
      sql`select count(*)::int as n from requests`,
    );
    const { api_key: _omit, ...noKey } = form();
    await expectError((f) => o.post(f, noKey), 403);
    await expectError((f) => o.post(f, { ...form(), api_key: "o311_not-a-key" }), 403);
    await expectError((f) => o.post(f, { ...form(), api_key: revokedKey }), 403);
    await expectError((f) => o.post(f, { ...form(), service_code: "khong-co" }), 404);
    const { service_code: _s, ...noService } = form();
    await expectError((f) => o.post(f, noService), 400);
    const { lat: _la, long: _lo, address_string: _a, ...noLocation } = form();
    await expectError((f) => o.post(f, noLocation), 400);
    const { description: _d, ...noDescription } = form();
    await expectError((f) => o.post(f, noDescription), 400);
    await expectError((f) => o.post(f, { ...form(), lat: "19.8", long: "" }), 400);
    await expectError((f) => o.post(f, { ...form(), lat: "abc", long: "105" }), 400);
    await expectError((f) => o.post(f, { ...form(), description: "<b>ngập</b> nước ở đường Lê Lợi" }), 400);
    await expectError((f) => o.post(f, { ...form(), description: "x".repeat(4001) }), 400);
    // The portal's rules: a phone it accepts, a name.
    await expectError((f) => o.post(f, { ...form(), phone: "12" }), 400);
    await expectError((f) => o.post(f, { ...form(), first_name: "", last_name: "" }), 400);
    await expectError((f) => o.post(f, { ...form(), "attribute[publish_consent]": "maybe" }), 400);
    // Input hygiene (NUL) answers in the spec's shape too.
    await expectError(
      (f) => o.post(f, { ...form(), description: "Nội dung\u0000 có ký tự NUL ở giữa" }),
      400,
    );
    const after = await selectOne(
      s.t.ctx.db,
      z.object({ n: z.number() }),
      sql`select count(*)::int as n from requests`,
    );
    expect(after?.n).toBe(before?.n);
  });

  it("GET requests lists public requests, with each filter, open|closed and W3C +07:00 datetimes", async () => {
    const p = await o.published(s.operator);
    const j = await o.get("/open311/v2/requests.json");
    expect(j.statusCode).toBe(200);
    const list = j.json() as Record<string, unknown>[];
    const mine = list.find((r) => r.service_request_id === p.publicId);
    expect(mine).toMatchObject({
      status: "closed",
      service_code: field,
      agency_responsible: "Tổng đài 1022",
      address: null,
      lat: null,
      long: null,
    });
    expect(String(mine?.status_notes)).toContain("7 giờ đến 17 giờ");
    expect(mine?.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00$/);
    // only public requests: the ones filed above are not published
    expect(list.every((r) => r.status === "closed")).toBe(true);

    const ids = (url: string) =>
      o.get(url).then((r) => (r.json() as { service_request_id: string }[]).map((x) => x.service_request_id));
    expect(await ids(`/open311/v2/requests.json?service_code=${field}`)).toContain(p.publicId);
    expect(await ids("/open311/v2/requests.json?service_code=giao-thong-van-tai")).not.toContain(p.publicId);
    expect(await ids("/open311/v2/requests.json?status=open")).toEqual([]);
    expect(await ids("/open311/v2/requests.json?status=open,closed")).toContain(p.publicId);
    expect(
      await ids(
        "/open311/v2/requests.json?start_date=2026-03-01T00:00:00%2B07:00&end_date=2026-03-11T00:00:00%2B07:00",
      ),
    ).toContain(p.publicId);
    expect(await ids("/open311/v2/requests.json?start_date=2026-03-11T00:00:00Z")).toEqual([]);
    // service_request_id overrides the other filters
    expect(
      await ids(`/open311/v2/requests.json?service_request_id=${p.publicId},ffffffffffffffff&status=open`),
    ).toEqual([p.publicId]);

    const x = parseXml(await o.get(`/open311/v2/requests.xml?service_request_id=${p.publicId}`));
    expect(x.name).toBe("service_requests");
    const req = x.childNamed("request");
    expect(req?.valueWithPath("service_request_id")).toBe(p.publicId);
    expect(req?.valueWithPath("status")).toBe("closed");
    expect(req?.valueWithPath("updated_datetime")).toMatch(/\+07:00$/);
  });

  it("GET requests refuses bad dates, a range over 90 days and an unknown status (400)", async () => {
    await expectError((f) => o.get(`/open311/v2/requests.${f}?start_date=hom-qua`), 400);
    await expectError((f) => o.get(`/open311/v2/requests.${f}?end_date=2026-13-45T00:00:00Z`), 400);
    await expectError(
      (f) => o.get(`/open311/v2/requests.${f}?start_date=2026-03-10T00:00:00Z&end_date=2026-03-01T00:00:00Z`),
      400,
    );
    await expectError(
      (f) => o.get(`/open311/v2/requests.${f}?start_date=2025-01-01T00:00:00Z&end_date=2026-03-01T00:00:00Z`),
      400,
    );
    await expectError((f) => o.get(`/open311/v2/requests.${f}?status=pending`), 400);
  });

  it("GET requests/{id}: a public request in an array; unknown or unpublished ids are 404", async () => {
    const p = await o.published(s.operator, {
      content: "Giờ làm việc của Tổng đài 1022 vào thứ Bảy ra sao?",
    });
    const j = await o.get(`/open311/v2/requests/${p.publicId}.json`);
    expect(j.statusCode).toBe(200);
    expect(j.json()).toHaveLength(1);
    expect(j.json()[0].service_request_id).toBe(p.publicId);
    const x = parseXml(await o.get(`/open311/v2/requests/${p.publicId}.xml`));
    expect(x.childrenNamed("request")).toHaveLength(1);
    await expectError((f) => o.get(`/open311/v2/requests/ffffffffffffffff.${f}`), 404);
    const filed = (await o.post("json", form())).json()[0].service_request_id;
    await expectError((f) => o.get(`/open311/v2/requests/${filed}.${f}`), 404);
    // an unknown format is an unknown resource; an unknown path too, in the spec's shape
    expect((await o.get(`/open311/v2/requests/${p.publicId}.csv`)).statusCode).toBe(404);
    await expectError((f) => o.get(`/open311/v2/khong-co.${f}`), 404);
  });

  it("escapes text in XML: a field name with markup stays text", async () => {
    const res = await s.admin.inject({
      method: "POST",
      url: "/api/v1/admin/fields",
      payload: { code: "xml-test", name: 'Đô thị & <môi trường> "mới"', description: null, sortOrder: 99 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const x = parseXml(await o.get("/open311/v2/services.xml"));
    const service = x.childrenNamed("service").find((e) => e.valueWithPath("service_code") === "xml-test");
    expect(service?.valueWithPath("service_name")).toBe('Đô thị & <môi trường> "mới"');
  });
});
