import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../../../shared/errors.js";
import { callList, callView } from "../../../shared/schemas/calls.js";
import { requestDetail } from "../../../shared/schemas/requests.js";
import { json } from "../../../test/http.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { injectCtiEvent, phoneIntake, SECRET } from "./phone.fixture.js";

/**
 * The desk's «Nhận cuộc gọi» as the server enforces it, and switchboard events that arrive alone or
 * out of order (6 Dec 2026, docs/phone.md): signed events posted in-process, two staff who handle calls.
 */
describe("picking up calls, and events before their call.new (6 Dec 2026)", () => {
  const s = useStaffApp({ users: ["operator", "coordinator"] }, { CTI_SECRET: SECRET });
  let n = 0;
  const ev = async (e: Record<string, unknown>, eventId = `d-${++n}`) => {
    const res = await injectCtiEvent(s.t.app, SECRET, { eventId, at: s.t.clock.now().toISOString(), ...e });
    expect(res.statusCode).toBe(200);
    return res.json<{ ok: boolean; duplicate: boolean }>();
  };
  const inbound = (callId: string, from = "0912 345 678") =>
    ev({ event: "call.new", callId, from, to: "1022", direction: "in" });
  const pickUp = (who: "operator" | "coordinator", callId: string) =>
    s[who].inject({ method: "POST", url: `/api/v1/calls/${callId}/pickup` });
  const getCall = (callId: string) => s.operator.inject({ url: `/api/v1/calls/${callId}` });
  const callbacks = async () =>
    json(await s.operator.inject({ url: "/api/v1/calls?queue=callbacks" }), callList).items;
  const refusal = (res: { statusCode: number; json: <T>() => T }) => {
    expect(res.statusCode).toBe(409);
    const { error } = res.json<ErrorBody>();
    return { code: error.code, detail: error.details?.[0]?.code, message: error.message };
  };

  it("refuses to pick up a call whose request is saved already (409 request_saved)", async () => {
    await inbound("p-1");
    await ev({ event: "call.answered", callId: "p-1", agent: "operator" });
    const created = json(
      await s.operator.inject({
        method: "POST",
        url: "/api/v1/requests",
        payload: phoneIntake("p-1"),
      }),
      requestDetail,
      201,
    );
    // Even the operator on the call: it was taken and its request is done (only the console hid it).
    const refused = refusal(await pickUp("operator", "p-1"));
    expect(refused).toMatchObject({ code: "INVALID_TRANSITION", detail: "request_saved" });
    expect(refused.message).toBe(
      `Cuộc gọi này đã được lưu thành yêu cầu ${created.code}; không nhận lại được.`,
    );
    const call = json(await getCall("p-1"), callView);
    expect([call.agent, call.requestCode]).toEqual(["operator", created.code]);
  });

  it("offers a call ringing at an operator's extension to that operator only", async () => {
    await inbound("p-2");
    await ev({ event: "call.ringing", callId: "p-2", agent: "operator" });
    expect(json(await getCall("p-2"), callView).agent).toBe("operator");
    const refused = refusal(await pickUp("coordinator", "p-2"));
    expect(refused).toMatchObject({ code: "CONFLICT", detail: "ringing_elsewhere" });
    expect(refused.message).toMatch(/^Cuộc gọi đang đổ chuông ở máy của .+\.$/);
    expect(json(await pickUp("operator", "p-2"), callView).agent).toBe("operator");
    // An extension no staff member has registered names nobody: any desk may take the call.
    await inbound("p-3");
    await ev({ event: "call.ringing", callId: "p-3", agent: "201" });
    expect(json(await getCall("p-3"), callView).agent).toBeNull();
    expect(json(await pickUp("coordinator", "p-3"), callView).agent).toBe("coordinator");
  });

  it("keeps a hang-up alone as an event: no call, nothing to call back", async () => {
    expect(await ev({ event: "call.hangup", callId: "p-4", cause: "cancel" })).toEqual({
      ok: true,
      duplicate: false,
    });
    expect((await getCall("p-4")).statusCode).toBe(404);
    expect((await callbacks()).map((c) => c.callId)).not.toContain("p-4");
    const live = json(await s.operator.inject({ url: "/api/v1/calls?queue=live" }), callList).items;
    expect(live.map((c) => c.callId)).not.toContain("p-4");
  });

  it("applies events that came before their call.new once it arrives, in the switchboard's order", async () => {
    const later = (seconds: number) => new Date(s.t.clock.now().getTime() + seconds * 1000).toISOString();
    // Answered and hung up, both delivered before the call.new (an adapter retrying out of order).
    await ev({ event: "call.hangup", callId: "p-5", cause: "normalClearing", at: later(60) }, "p-5-hangup");
    await ev({ event: "call.answered", callId: "p-5", agent: "operator", at: later(5) });
    await inbound("p-5");
    const answered = json(await getCall("p-5"), callView);
    expect(answered).toMatchObject({
      status: "ended",
      from: "+84912345678",
      agent: "operator",
      callback: null,
    });
    expect(answered.answeredAt).not.toBeNull();
    // The hang-up retried: a duplicate, nothing changes.
    expect(await ev({ event: "call.hangup", callId: "p-5", at: later(60) }, "p-5-hangup")).toEqual({
      ok: true,
      duplicate: true,
    });
    expect(json(await getCall("p-5"), callView)).toEqual(answered);
    // Missed, its hang-up first: the caller waits for a callback with their number.
    await ev({ event: "call.hangup", callId: "p-6", cause: "cancel", at: later(30) });
    await inbound("p-6", "0913 222 333");
    const missed = (await callbacks()).find((c) => c.callId === "p-6");
    expect(missed).toMatchObject({ status: "missed", from: "+84913222333", callback: "waiting" });
  });

  it("says when a callback the switchboard placed itself was tried, as for one asked from the desk", async () => {
    await inbound("p-7", "0913 555 777");
    await ev({ event: "call.hangup", callId: "p-7", cause: "cancel" });
    expect((await callbacks()).find((c) => c.callId === "p-7")?.callbackTriedAt).toBeNull();
    // The switchboard calls back on its own (no «Gọi lại» pressed); nobody answers.
    await ev({
      event: "call.new",
      callId: "p-7-cb",
      from: "1022",
      to: "0913555777",
      direction: "out",
      callbackOf: "p-7",
    });
    await ev({ event: "call.hangup", callId: "p-7-cb", cause: "noAnswer" });
    const waiting = (await callbacks()).find((c) => c.callId === "p-7");
    expect(waiting).toMatchObject({ callback: "waiting", callbackTriedAt: expect.any(String) });
  });

  it("documents the pick-up's refusals in the OpenAPI document", async () => {
    const doc = (await s.t.app.inject({ url: "/api/openapi.json" })).json<{
      paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>>;
    }>();
    const described = doc.paths["/api/v1/calls/{callId}/pickup"]?.post?.responses["409"]?.description;
    expect(described).toContain("request_saved");
    expect(described).toContain("ringing_elsewhere");
  });
});
