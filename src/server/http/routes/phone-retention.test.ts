import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { callView } from "../../../shared/schemas/calls.js";
import { requestDetail } from "../../../shared/schemas/requests.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { json } from "../../../test/http.js";
import { signIn } from "../../../test/staff.js";
import { type RecordingHost, startRecordingHost } from "../../channels/testing/cti-adapter.js";
import { execRaw } from "../../db/client.js";
import { injectCtiEvent } from "./phone.fixture.js";

const SECRET = "cti-retention-secret-012345";
const AUDIO = Buffer.from("RIFF....WAVEfmt call audio ".repeat(40));
const counts = z.object({ counts: z.record(z.string(), z.number()) });

/** Retention of calls (issue 12): calls tied to no request after `calls`, call audio after `recordings`. */
describe("retention of calls and recordings", () => {
  let t: TestApp;
  let rec: RecordingHost;
  let n = 0;
  const post = async (e: Record<string, unknown>) => {
    const event = { eventId: `r-${++n}`, at: t.clock.now().toISOString(), ...e };
    const res = await injectCtiEvent(t.app, SECRET, event);
    expect(res.statusCode).toBe(200);
  };

  beforeAll(async () => {
    rec = await startRecordingHost();
    t = await createTestApp({
      seed: "staff",
      CTI_SECRET: SECRET,
      CTI_RECORDING_HOSTS: `127.0.0.1:${rec.port}`,
    });
  });
  afterAll(async () => {
    await t.close();
    await rec.down();
  });

  it("deletes missed calls tied to no request after their period, and call audio after its own", async () => {
    t.clock.set("2025-01-06T09:00:00+07:00");
    await post({ event: "call.new", callId: "old-missed", from: "0912000001", to: "1022", direction: "in" });
    await post({ event: "call.hangup", callId: "old-missed", cause: "cancel" });
    await post({ event: "call.new", callId: "kept", from: "0912000002", to: "1022", direction: "in" });
    await post({ event: "call.answered", callId: "kept", agent: "operator" });
    const operator = await signIn(t.app, "operator");
    const created = json(
      await operator.inject({
        method: "POST",
        url: "/api/v1/requests",
        payload: {
          channel: "phone",
          requester: { phone: "0912000002" },
          content: "Hỏi thủ tục cấp đổi giấy phép lái xe.",
          call: { callId: "kept" },
        },
      }),
      requestDetail,
      201,
    );
    rec.files.set("/kept.wav", AUDIO);
    const sha256 = createHash("sha256").update(AUDIO).digest("hex");
    await post({
      event: "call.recording.ready",
      callId: "kept",
      recording: {
        url: `http://127.0.0.1:${rec.port}/kept.wav`,
        sha256,
        bytes: AUDIO.length,
        mime: "audio/wav",
      },
    });
    await post({ event: "call.hangup", callId: "kept" });
    expect((await t.services.calls.recordings.fetchDue()).stored).toBe(1);

    // 420 days on: past `calls` (365), within `recordings` (730).
    t.clock.set("2026-03-02T09:00:00+07:00");
    let admin = await signIn(t.app, "admin");
    let run = json(await admin.inject({ method: "POST", url: "/api/v1/admin/retention/run" }), counts);
    expect(run.counts).toMatchObject({ calls: 1, recordings: 0 });
    const left = await execRaw<{ call_id: string }>(
      t.ctx.db,
      sql`select call_id from calls order by call_id`,
    );
    expect(left.map((r) => r.call_id)).toEqual(["kept"]);
    expect(await execRaw(t.ctx.db, sql`select 1 from cti_events where call_id = 'old-missed'`)).toEqual([]);

    // Past `recordings` too: the audio goes, the call record stays with its request.
    t.clock.set("2027-01-11T09:00:00+07:00");
    admin = await signIn(t.app, "admin");
    run = json(await admin.inject({ method: "POST", url: "/api/v1/admin/retention/run" }), counts);
    expect(run.counts.recordings).toBeGreaterThanOrEqual(1);
    const coordinator = await signIn(t.app, "coordinator");
    const call = json(await coordinator.inject({ url: "/api/v1/calls/kept" }), callView);
    expect(call).toMatchObject({ requestCode: created.code, recording: { status: "deleted" } });
    expect((await coordinator.inject({ url: "/api/v1/calls/kept/recording" })).statusCode).toBe(404);
  });
});
