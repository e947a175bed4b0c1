import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { open311Driver } from "../../../test/open311.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { select } from "../../db/client.js";

/**
 * Adversarial (issue 17): Open311 reads show exactly what the portal publishes. Requests in every
 * non-public state — received, answered, published without consent, taken down, filed through
 * Open311 itself — and a public one whose original text names its requester; every read an
 * outsider can make, in both formats, and not one answer carries a name, phone, email, address or
 * follow code, nor any id of a request that is not public.
 */
describe("Open311 reads leak no personal data", () => {
  const s = useStaffApp({
    users: ["admin", "operator", "coordinator"],
    now: new Date("2026-03-10T09:00:00+07:00"),
  });
  let o: ReturnType<typeof open311Driver>;
  const person = {
    fullName: "Phạm Thị Quỳnh Nga",
    phone: "0977 123 456",
    email: "nga.pham@example.vn",
    address: "Số 77 Tràng Tiền, phường Hạc Thành",
  };
  const needles = [
    "Quỳnh Nga",
    "Phạm Thị",
    "0977",
    "977123456",
    "977 123",
    "nga.pham",
    "Tràng Tiền",
    "Số 77",
    "Lê Văn Tám",
    "0966111222",
    "966111222",
    "tam.le@example.vn",
    "Ngõ 12 Hàng Bông",
  ];
  const publicIds = new Set<string>();
  const codes: string[] = [];
  const responses: { url: string; res: LightMyRequestResponse }[] = [];

  beforeAll(async () => {
    o = open311Driver(s.t);
    const { drive } = o;
    const requester = { requester: person };

    // public: published with consent; its original names the requester, the public copy does not
    const named = await drive.create(s.operator, {
      ...requester,
      content: "Tôi là Phạm Thị Quỳnh Nga, xin hỏi giờ làm việc của Tổng đài 1022 vào thứ Bảy?",
    });
    const answered = await drive.actOk(s.operator, named, "answer-from-kb", {
      answer: "Tổng đài 1022 làm việc từ 7 giờ đến 17 giờ các ngày làm việc.",
    });
    const pub = await drive.actOk(s.operator, answered, "publish", {
      publicQuestion: "Tôi là […], xin hỏi giờ làm việc của Tổng đài 1022 vào thứ Bảy?",
      publicAnswer: "Tổng đài 1022 làm việc từ 7 giờ đến 17 giờ các ngày làm việc.",
    });
    publicIds.add(pub.publicId ?? "");
    codes.push(pub.code);
    // published without consent; published then taken down; answered; received
    const noConsent = await o.published(s.operator, { ...requester, publishConsent: false });
    codes.push(noConsent.code);
    const down = await o.published(s.operator, requester);
    await drive.actOk(s.coordinator, down, "takedown", { reason: "Thông tin đã cũ." });
    codes.push(down.code);
    const onlyAnswered = await drive.create(s.operator, {
      ...requester,
      content: "Xin hỏi lịch tiếp công dân của phường?",
    });
    await drive.actOk(s.operator, onlyAnswered, "answer-from-kb", { answer: "Thứ Năm hằng tuần." });
    codes.push(onlyAnswered.code, (await drive.create(s.operator, requester)).code);
    // filed through Open311 itself, with personal data
    const key = (await o.issueKey(s.admin, "Ứng dụng thành phố")).apiKey;
    const filed = await o.post("json", {
      api_key: key,
      service_code: "y-te-xet-nghiem-tiem-phong",
      first_name: "Lê Văn",
      last_name: "Tám",
      phone: "0966111222",
      email: "tam.le@example.vn",
      address_string: "Ngõ 12 Hàng Bông",
      lat: "19.80",
      long: "105.78",
      description: "Đề nghị phun thuốc diệt muỗi ở khu dân cư, có nhiều ca sốt xuất huyết.",
      "attribute[publish_consent]": "yes",
    });
    expect(filed.statusCode, filed.body).toBe(201);
  });

  it("every list and lookup, in both formats, shows only the public copy of public requests", async () => {
    const all = await select(
      s.t.ctx.db,
      z.object({ public_id: z.string(), code: z.string(), field: z.string().nullable() }),
      sql`select r.public_id, r.code, f.code as field from requests r left join fields f on f.id = r.field_id`,
    );
    expect(all).toHaveLength(6);
    codes.push(...all.map((r) => r.code));
    const fields = [...new Set(all.map((r) => r.field).filter((f): f is string => f !== null))];
    const urls: string[] = [];
    for (const fmt of ["json", "xml"]) {
      urls.push(
        `/open311/v2/requests.${fmt}`,
        `/open311/v2/requests.${fmt}?status=open`,
        `/open311/v2/requests.${fmt}?status=closed`,
        `/open311/v2/requests.${fmt}?status=open,closed`,
        `/open311/v2/requests.${fmt}?start_date=2026-02-01T00:00:00Z&end_date=2026-04-01T00:00:00Z`,
        `/open311/v2/requests.${fmt}?service_request_id=${all.map((r) => r.public_id).join(",")}`,
        `/open311/v2/requests.${fmt}?service_request_id=${all.map((r) => r.code).join(",")}`,
        ...fields.map((f) => `/open311/v2/requests.${fmt}?service_code=${f}`),
        ...all.flatMap((r) => [
          `/open311/v2/requests/${r.public_id}.${fmt}`,
          `/open311/v2/requests/${r.code}.${fmt}`,
          `/open311/v2/tokens/${r.code}.${fmt}`,
        ]),
      );
    }
    for (const url of urls) responses.push({ url, res: await o.get(url) });

    const idsIn = (body: string) => new Set(body.match(/\b[0-9a-f]{16}\b/g) ?? []);
    for (const { url, res } of responses) {
      expect(res.statusCode, url).toBeLessThan(500);
      for (const n of needles) expect(res.body, url).not.toContain(n);
      for (const code of codes) expect(res.body).not.toContain(code);
      // the only request ids ever shown are public ones
      for (const id of idsIn(res.body)) expect(publicIds.has(id), `${id} in ${res.body}`).toBe(true);
    }
    // each non-public request's own lookup is 404, the public one 200
    for (const r of all) {
      const res = await o.get(`/open311/v2/requests/${r.public_id}.json`);
      expect(res.statusCode).toBe(publicIds.has(r.public_id) ? 200 : 404);
    }
    // and the public one shows the redacted copy
    const [shown] = (await o.get(`/open311/v2/requests/${[...publicIds][0]}.json`)).json();
    expect(shown.description).toBe("Tôi là […], xin hỏi giờ làm việc của Tổng đài 1022 vào thứ Bảy?");
  });
});
