import type { LightMyRequestResponse } from "fastify";
import { agencyTable } from "../server/db/repositories/agency.repository.js";
import { type RequestDetail, requestDetail } from "../shared/schemas/requests.js";
import type { TestApp } from "./harness.js";
import { json } from "./http.js";
import type { StaffSession } from "./staff.js";

export type RequestDriver = ReturnType<typeof requestDriver>;

/** Factories that drive requests through the public HTTP surface, as staff would. */
export function requestDriver(t: TestApp) {
  const expectOk = (res: LightMyRequestResponse, what: string, status = 200): RequestDetail => {
    if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return json(res, requestDetail, status);
  };
  return {
    async agencyId(code: string): Promise<string> {
      const agency = await agencyTable.findByCode(t.ctx.db, code);
      if (!agency) throw new Error(`no agency ${code}`);
      return agency.id;
    },
    async create(as: StaffSession, overrides: Record<string, unknown> = {}): Promise<RequestDetail> {
      const res = await as.inject({
        method: "POST",
        url: "/api/v1/requests",
        payload: {
          channel: "phone",
          requester: {
            fullName: "Lê Thị Hoa",
            phone: "0912 345 678",
            address: "Số 5 Lê Lợi, phường Hạc Thành",
          },
          content: "Tôi muốn hỏi về lịch tiêm vắc xin cho trẻ em dưới 12 tuổi ở phường",
          field: "y-te-xet-nghiem-tiem-phong",
          ...overrides,
        },
      });
      return expectOk(res, "create", 201);
    },
    async act(
      as: StaffSession,
      r: { id: string; version: number },
      path: string,
      body: Record<string, unknown> = {},
    ) {
      return as.inject({
        method: "POST",
        url: `/api/v1/requests/${r.id}/actions/${path}`,
        payload: { version: r.version, ...body },
      });
    },
    async actOk(
      as: StaffSession,
      r: { id: string; version: number },
      path: string,
      body: Record<string, unknown> = {},
    ) {
      return expectOk(await this.act(as, r, path, body), path);
    },
    /** PATCH /requests/:id at the request's version: the operator's corrections. */
    async edit(as: StaffSession, r: { id: string; version: number }, body: Record<string, unknown>) {
      return as.inject({
        method: "PATCH",
        url: `/api/v1/requests/${r.id}`,
        payload: { version: r.version, ...body },
      });
    },
    async get(as: StaffSession, id: string): Promise<RequestDetail> {
      return expectOk(await as.inject({ method: "GET", url: `/api/v1/requests/${id}` }), "get");
    },
  };
}
