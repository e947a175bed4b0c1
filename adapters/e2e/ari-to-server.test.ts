import { createServer } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { execRaw } from "../../src/server/db/client.js";
import { callView } from "../../src/shared/schemas/calls.js";
import { requestDetail } from "../../src/shared/schemas/requests.js";
import { createTestApp, type TestApp } from "../../src/test/harness.js";
import { json } from "../../src/test/http.js";
import { type StaffSession, signIn } from "../../src/test/staff.js";
import { startAriAdapter } from "../asterisk-ari/adapter.js";
import { type DialOutcome, startFakeAri } from "../testing/fake-ari.js";

const SECRET = "cti-e2e-secret-0123456789";
const ARI = { user: "hotline", password: "ari-pass", app: "hotline" };

/** A free port on 127.0.0.1 for the adapter, known before the server that calls it is built. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 0;
}

/**
 * The whole switchboard path with nothing of ours stood in (issue 12): an ARI stand-in (REST +
 * events WebSocket) plays Asterisk; our ARI adapter process code talks to it and to the real
 * server over HTTP, signed both ways. A call pops up, the request saved during it is linked, the
 * transfer to the agency's hotline fails (busy: the caller is told) then connects, the caller hangs
 * up, the recording is fetched from the adapter by the server's job and attached once.
 */
describe("Asterisk (stand-in) → ARI adapter → server", () => {
  let t: TestApp;
  let ari: Awaited<ReturnType<typeof startFakeAri>>;
  let adapter: Awaited<ReturnType<typeof startAriAdapter>>;
  let operator: StaffSession;
  const outcomes = new Map<string, DialOutcome>();
  const call = async (id: string) =>
    json(await operator.inject({ url: `/api/v1/calls/${encodeURIComponent(id)}` }), callView);

  beforeAll(async () => {
    const adapterPort = await freePort();
    ari = await startFakeAri(ARI);
    ari.state.outcome = (endpoint) => outcomes.get(endpoint) ?? { answer: true };
    t = await createTestApp({
      seed: "staff",
      CTI_SECRET: SECRET,
      CTI_ADAPTER_URL: `http://127.0.0.1:${adapterPort}`,
      CTI_RECORDING_HOSTS: `127.0.0.1:${adapterPort}`,
    });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const address = t.app.server.address();
    const serverUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    await t.ctx.db.execute(sql`update agencies set hotline_numbers = '{"0237 3852 111"}' where code = 'SYT'`);
    adapter = await startAriAdapter({
      serverUrl,
      secret: SECRET,
      ari: { url: ari.url, ...ARI },
      port: adapterPort,
      host: "127.0.0.1",
      operatorEndpoint: "PJSIP/operators",
      trunk: "trunk",
      callerId: "1022",
      agents: { operators: "operator" },
      transferTimeoutSec: 30,
      retry: { baseDelayMs: 20, maxDelayMs: 100 },
    });
    operator = await signIn(t.app, "operator");
  });
  afterAll(async () => {
    await adapter?.close();
    await ari?.close();
    await t?.close();
  });

  it("pops up, links the request, transfers busy then connected, hangs up, attaches the recording once", async () => {
    const callId = ari.ring("0912345678");
    await vi.waitFor(async () => expect((await call(callId)).status).toBe("answered"), { timeout: 10_000 });
    expect(await call(callId)).toMatchObject({ from: "+84912345678", direction: "in", agent: "operator" });

    const created = json(
      await operator.inject({
        method: "POST",
        url: "/api/v1/requests",
        payload: {
          channel: "phone",
          requester: { fullName: "Nguyễn Văn An", phone: "0912345678", address: "Thọ Xuân" },
          content: "Hỏi về lịch tiêm chủng mở rộng cho trẻ dưới 1 tuổi tại trạm y tế xã.",
          call: { callId },
        },
      }),
      requestDetail,
      201,
    );
    expect((await call(callId)).requestCode).toBe(created.code);

    // The agency's line is busy: the server hears it from the adapter; the caller is told.
    const messages = async () =>
      (
        await execRaw<{ n: number }>(
          t.ctx.db,
          sql`select count(*)::int as n from outbox where request_id = ${created.id}`,
        )
      )[0]?.n ?? 0;
    const before = await messages();
    outcomes.set("PJSIP/02373852111@trunk", { cause: 17, cause_txt: "User busy", dialstatus: "BUSY" });
    const transfer = () =>
      operator.inject({
        method: "POST",
        url: `/api/v1/calls/${encodeURIComponent(callId)}/transfer`,
        payload: { agencyCode: "SYT" },
      });
    expect((await transfer()).statusCode).toBeLessThan(300);
    await vi.waitFor(
      async () => expect((await call(callId)).transfers.map((x) => x.result)).toContain("busy"),
      {
        timeout: 10_000,
      },
    );
    await vi.waitFor(async () => expect(await messages()).toBeGreaterThan(before), { timeout: 5_000 });

    outcomes.delete("PJSIP/02373852111@trunk");
    const again = await transfer();
    expect(again.statusCode).toBeLessThan(300);
    await vi.waitFor(
      async () => expect((await call(callId)).transfers.map((x) => x.result)).toContain("connected"),
      {
        timeout: 10_000,
      },
    );
    const inOrder = (await call(callId)).transfers.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    expect(inOrder.map((x) => [x.agencyCode, x.number, x.result])).toEqual([
      ["SYT", "+842373852111", "busy"],
      ["SYT", "+842373852111", "connected"],
    ]);

    ari.hangup(callId);
    await vi.waitFor(async () => expect((await call(callId)).recording?.status).toBe("pending"), {
      timeout: 10_000,
    });
    expect((await call(callId)).status).toBe("ended");
    expect(await t.services.calls.recordings.fetchDue()).toMatchObject({ stored: 1 });
    expect(await t.services.calls.recordings.fetchDue()).toMatchObject({ stored: 0 });
    const stored = await call(callId);
    expect(stored.recording).toMatchObject({ status: "stored", mime: "audio/wav" });
    const audio = await operator.inject({ url: `/api/v1/calls/${encodeURIComponent(callId)}/recording` });
    expect(audio.statusCode).toBe(200);
    expect(audio.rawPayload.length).toBe(stored.recording?.bytes);
  });
});
