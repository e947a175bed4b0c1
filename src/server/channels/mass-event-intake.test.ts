import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { massEventList, massEventView, requestMassEvent } from "../../shared/schemas/mass-events.js";
import { json } from "../../test/http.js";
import { measlesCampaign } from "../../test/mass-events.js";
import { requestDriver } from "../../test/requests.js";
import { createStaffUser, type StaffSession } from "../../test/staff.js";
import { execRaw } from "../db/client.js";
import { MASS_EVENT_ACK_EXCERPT } from "../domain/mass-event-ack.js";
import { useChatApp } from "./testing/chat-webhooks.js";

/**
 * Issue 19: a chat message about a mass event on now is linked to it when it arrives (it has no
 * field yet: matched on its text), its acknowledgement carries the prepared answer at once, and the
 * operator confirms it as the request's answer with one action; the event's figures count both.
 */
const { t, zalo, graph, chat, requestOf } = useChatApp();
let coordinator: StaffSession;
let operator: StaffSession;

const prepared = measlesCampaign.answer;
const eventBody = measlesCampaign;

const linkOf = async (requestId: string | undefined) =>
  (
    await execRaw<{ mass_event_id: string; answered: boolean }>(
      t.ctx.db,
      sql`select mass_event_id, answered_at is not null as answered from mass_event_links where request_id = ${requestId ?? null}`,
    )
  )[0];

beforeAll(async () => {
  t.clock.set("2026-03-10T09:00:00+07:00");
  coordinator = await (await createStaffUser(t, { role: "coordinator" })).signIn();
  operator = await (await createStaffUser(t, { role: "operator" })).signIn();
});

describe("mass events on the chat channels (issue 19)", () => {
  it("links a matching Zalo message on arrival, answers it in the acknowledgement, the operator confirms", async () => {
    const created = await coordinator.inject({
      method: "POST",
      url: "/api/v1/mass-events",
      payload: eventBody,
    });
    const event = json(created, massEventView, 201);

    const question = "cho em hoi lich tiem soi cho be 3 tuoi o tram y te xa minh la ngay nao a";
    expect((await chat.zalo("6142494823123456789", question)).statusCode).toBe(200);
    await t.inbound.runOnce();
    const request = await requestOf(question);
    // Linked when it arrived, before any member of staff opened it.
    expect(await linkOf(request?.id)).toEqual({ mass_event_id: event.id, answered: false });
    const [received] = await execRaw<{ data: { massEventId?: string } }>(
      t.ctx.db,
      sql`select data from events where request_id = ${request?.id ?? null} and kind = 'received'`,
    );
    expect(received?.data.massEventId).toBe(event.id);
    // The acknowledgement carries the prepared answer (instead of Q&A suggestions).
    expect((await t.outbox.drain()).sent).toBe(1);
    const ack = zalo.state.delivered.at(-1)?.text ?? "";
    expect(ack).toContain(request?.code ?? "?");
    expect(ack).toContain(prepared);
    expect(ack).toContain("Cán bộ Tổng đài sẽ xác nhận câu trả lời này");
    expect(request?.kb_suggestions).toBe(0);

    // A message about something else gets the plain acknowledgement and no link.
    const other = "Đường Lê Lợi trước số nhà 20 bị ngập sâu từ sáng";
    await chat.facebook("2400000000000001", other);
    await t.inbound.runOnce();
    expect(await linkOf((await requestOf(other))?.id)).toBeUndefined();
    await t.outbox.drain();
    expect(graph.state.delivered.at(-1)?.text ?? "").not.toContain(prepared);

    // The desk shows the event; one action records the prepared text as the answer.
    const drive = requestDriver(t);
    const shown = json(
      await operator.inject({ url: `/api/v1/requests/${request?.id}/mass-event` }),
      requestMassEvent,
    );
    expect(shown.event).toMatchObject({ id: event.id, linked: 1, answered: 0 });
    const detail = await drive.get(operator, request?.id ?? "");
    const answered = await drive.actOk(operator, detail, "answer-from-kb", {
      answer: shown.event?.answer,
      massEventId: event.id,
    });
    expect(answered.status).toBe("answered");
    expect(await linkOf(request?.id)).toEqual({ mass_event_id: event.id, answered: true });
    const figures = json(
      await coordinator.inject({ url: "/api/v1/reports/mass-events?from=2026-03-01&to=2026-03-31" }),
      massEventList,
    );
    expect(figures.items).toEqual([expect.objectContaining({ id: event.id, linked: 1, answered: 1 })]);
  });

  it("a long prepared answer is cut to fit one chat message, with the portal for the whole text", async () => {
    const [current] = json(await coordinator.inject({ url: "/api/v1/mass-events" }), massEventList).items;
    const long = `${prepared} ${"Phụ huynh mang theo sổ tiêm chủng của trẻ và đến đúng buổi đã hẹn. ".repeat(40)}`;
    const updated = await coordinator.inject({
      method: "PUT",
      url: `/api/v1/mass-events/${current?.id}`,
      payload: { ...eventBody, answer: long, version: current?.version },
    });
    expect(updated.statusCode).toBe(200);
    const question = "tiêm sởi ở đâu vậy ạ, bé nhà em 2 tuổi";
    await chat.zalo("6142494823123456790", question);
    await t.inbound.runOnce();
    expect((await linkOf((await requestOf(question))?.id))?.mass_event_id).toBe(current?.id);
    await t.outbox.drain();
    const ack = zalo.state.delivered.at(-1)?.text ?? "";
    expect(ack.length).toBeLessThanOrEqual(2000);
    expect(ack).toContain(prepared);
    expect(ack).toContain("…");
    expect(ack).toContain("Toàn văn trên Cổng thông tin Tổng đài 1022");
    expect(long.length).toBeGreaterThan(MASS_EVENT_ACK_EXCERPT * 2);
  });
});
