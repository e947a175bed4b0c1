import type { LightMyRequestResponse } from "fastify";
import { XmlDocument, type XmlElement } from "xmldoc";
import type { RequestDetail } from "../shared/schemas/requests.js";
import type { TestApp } from "./harness.js";
import { requestDriver } from "./requests.js";
import type { StaffSession } from "./staff.js";

/** Helpers for the Open311 tests (issue 17): keys, form posts, XML parsing, published requests. */
export function open311Driver(t: TestApp) {
  const drive = requestDriver(t);
  return {
    drive,
    async issueKey(admin: StaffSession, name: string): Promise<{ id: string; apiKey: string }> {
      const res = await admin.inject({ method: "POST", url: "/api/v1/admin/api-keys", payload: { name } });
      if (res.statusCode !== 201) throw new Error(`issue key: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    post(format: "json" | "xml", form: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form))
        for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
      return t.app.inject({
        method: "POST",
        url: `/open311/v2/requests.${format}`,
        headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
        payload: body.toString(),
      });
    },
    get(url: string): Promise<LightMyRequestResponse> {
      return t.app.inject({ method: "GET", url });
    },
    /** A request answered from the Q&A base and published by the operator (public when consent). */
    async published(operator: StaffSession, overrides: Record<string, unknown> = {}): Promise<RequestDetail> {
      const r = await drive.create(operator, {
        content: "Tổng đài 1022 làm việc vào những giờ nào trong tuần?",
        ...overrides,
      });
      const a = await drive.actOk(operator, r, "answer-from-kb", {
        answer: "Tổng đài 1022 làm việc từ 7 giờ đến 17 giờ các ngày làm việc.",
      });
      return drive.actOk(operator, a, "publish");
    },
  };
}

/** Parses an XML answer strictly (xmldoc on sax in strict mode): malformed XML throws. */
export function parseXml(res: LightMyRequestResponse): XmlDocument {
  return new XmlDocument(res.body);
}

export const childrenOf = (el: XmlElement | XmlDocument, name: string): XmlElement[] =>
  el.childrenNamed(name);

/** The GeoReport v2 error document in XML: `<errors><error><code/><description/></error></errors>`. */
export function xmlErrors(res: LightMyRequestResponse): { code: number; description: string }[] {
  const doc = parseXml(res);
  if (doc.name !== "errors") throw new Error(`not an errors document: ${res.body}`);
  return doc.childrenNamed("error").map((e) => ({
    code: Number(e.valueWithPath("code")),
    description: e.valueWithPath("description") ?? "",
  }));
}
