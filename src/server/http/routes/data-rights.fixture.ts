import { sql } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import { z } from "zod";
import { type DataRequestDetail, dataRequestDetail } from "../../../shared/schemas/data-rights.js";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { json } from "../../../test/http.js";
import { requestDriver } from "../../../test/requests.js";
import { type StaffSession, signIn } from "../../../test/staff.js";
import { select } from "../../db/client.js";

/*
 * What the data-subject rights tests share (data-rights.test.ts, data-rights-deletion.test.ts):
 * one app per test file with the staff seeded, the people and their requests, the case steps
 * through HTTP, and the reads of the outbox and of every table.
 */

export const COORDINATOR_EMAIL = "dieuphoi@so.thanhhoa.gov.vn";

export interface Person {
  fullName: string;
  phone: string;
  email: string;
  address: string;
}

export const person = (n: number): Person => ({
  fullName: `Đinh Văn Khải Số${n}`,
  phone: `098765432${n}`,
  email: `khai${n}.dinh@example.vn`,
  address: `Thôn Yên Bái ${n}, xã Quảng Phú`,
});

const outboxRow = z.object({
  channel: z.string(),
  recipient: z.string(),
  kind: z.string(),
  body: z.string(),
});

/** The app and the helpers of one test file; its fields are set by the file's `beforeAll`. */
export class DataRightsFixture {
  t!: TestApp;
  drive!: ReturnType<typeof requestDriver>;
  operator!: StaffSession;
  coordinator!: StaffSession;

  /** Sets the clock and signs the operator and the coordinator in at that instant. */
  async at(instant: string) {
    this.t.clock.set(instant);
    this.operator = await signIn(this.t.app, "operator");
    this.coordinator = await signIn(this.t.app, "coordinator");
  }

  requestOf(p: Person, content = "Xin hỏi thủ tục cấp đổi giấy phép lái xe hạng A1 tại tỉnh") {
    return this.drive.create(this.operator, { requester: p, content, channel: "email" });
  }

  /** A request refused (out of scope) and closed: finished handling. */
  async finished(p: Person): Promise<RequestDetail> {
    const r = await this.requestOf(p);
    const refused = await this.drive.actOk(this.coordinator, r, "refuse", { reason: "ngoai-pham-vi" });
    return this.drive.actOk(this.coordinator, refused, "close");
  }

  async openCase(body: Record<string, unknown>): Promise<DataRequestDetail> {
    return json(
      await this.coordinator.inject({ method: "POST", url: "/api/v1/data-requests", payload: body }),
      dataRequestDetail,
      201,
    );
  }

  async step(c: DataRequestDetail, action: string, extra: Record<string, unknown> = {}) {
    return json(
      await this.coordinator.inject({
        method: "POST",
        url: `/api/v1/data-requests/${c.id}/${action}`,
        payload: { version: c.version, ...extra },
      }),
      dataRequestDetail,
    );
  }

  outboxTo(recipient: string) {
    return select(
      this.t.ctx.db,
      outboxRow,
      sql`select channel, recipient, kind, body from outbox where recipient = ${recipient} order by id`,
    );
  }

  /** Every row of every table whose text holds one of the terms, outside the case files and their answers. */
  async rowsHolding(terms: string[]): Promise<string[]> {
    const tables = await select(
      this.t.ctx.db,
      z.object({ table_name: z.string() }),
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
          and table_name not in ('data_requests') order by table_name`,
    );
    const hits: string[] = [];
    for (const { table_name } of tables) {
      for (const term of terms) {
        const caseAnswers =
          table_name === "outbox"
            ? sql`and not (x.request_id is null and x.kind like 'data_request%')`
            : sql``;
        const rows = await select(
          this.t.ctx.db,
          z.object({ n: z.coerce.number() }),
          sql`select count(*) as n from ${sql.identifier(table_name)} x
              where to_jsonb(x)::text ilike ${`%${term}%`} ${caseAnswers}`,
        );
        if ((rows[0]?.n ?? 0) > 0) hits.push(`${table_name}: ${term}`);
      }
    }
    return hits;
  }
}

/** Registers the file's app (staff seeded, the coordinator reachable by email) and its closing. */
export function useDataRights(): DataRightsFixture {
  const f = new DataRightsFixture();
  beforeAll(async () => {
    f.t = await createTestApp({ seed: "staff" });
    f.drive = requestDriver(f.t);
    await f.t.ctx.db.execute(
      sql`update users set email = ${COORDINATOR_EMAIL} where username = 'coordinator'`,
    );
  });
  afterAll(() => f.t.close());
  return f;
}
