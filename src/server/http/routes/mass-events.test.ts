import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { massEventList, massEventView, requestMassEvent } from "../../../shared/schemas/mass-events.js";
import { error, json } from "../../../test/http.js";
import { measlesCampaign, measlesField } from "../../../test/mass-events.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRaw } from "../../db/client.js";

/**
 * Issue 19: a coordinator declares a mass event; a new matching request is linked to it and the
 * operator answers it with the prepared text at once; the portal shows the banner; the reports count.
 */
describe("mass events (issue 19)", () => {
  const s = useStaffApp({ users: ["operator", "coordinator"], eachTestAt: "2026-03-10T09:00:00+07:00" });
  const field = measlesField;
  const prepared = measlesCampaign.answer;
  const eventBody = { ...measlesCampaign, emergencyNumbers: ["115"] };

  it("answers a new matching request with the prepared text, and counts it", async () => {
    // Only the coordinator declares; bad windows and unknown fields are refused with a reason.
    expect(
      (await s.operator.inject({ method: "POST", url: "/api/v1/mass-events", payload: eventBody }))
        .statusCode,
    ).toBe(403);
    const backwards = await s.coordinator.inject({
      method: "POST",
      url: "/api/v1/mass-events",
      payload: { ...eventBody, endsAt: "2026-03-01T00:00:00+07:00" },
    });
    expect(error(backwards, 400).details?.[0]?.code).toBe("before_start");
    const unknown = await s.coordinator.inject({
      method: "POST",
      url: "/api/v1/mass-events",
      payload: { ...eventBody, fields: ["khong-co"] },
    });
    expect(error(unknown, 400).details?.[0]?.code).toBe("unknown_field");
    const badNumber = await s.coordinator.inject({
      method: "POST",
      url: "/api/v1/mass-events",
      payload: { ...eventBody, emergencyNumbers: ["911"] },
    });
    expect(badNumber.statusCode).toBe(400);
    expect(json(await s.coordinator.inject({ url: "/api/v1/mass-events" }), massEventList).items).toEqual([]);

    const created = await s.coordinator.inject({
      method: "POST",
      url: "/api/v1/mass-events",
      payload: eventBody,
    });
    const event = json(created, massEventView, 201);
    expect(event).toMatchObject({ active: true, linked: 0, answered: 0, fields: [field] });

    // A new request asking about it, typed without diacritics, is linked at intake.
    const asking = await s.drive.create(s.operator, {
      content: "cho em hoi lich tiem soi cho be 3 tuoi o tram y te xa minh la ngay nao a",
      field,
    });
    // One about something else in the same field is not; nor one of another field.
    const other = await s.drive.create(s.operator, {
      content: "Bệnh viện đa khoa tỉnh khám bảo hiểm y tế trái tuyến được bao nhiêu phần trăm",
      field,
    });
    const mine = json(
      await s.operator.inject({ url: `/api/v1/requests/${asking.id}/mass-event` }),
      requestMassEvent,
    );
    expect(mine.event?.id).toBe(event.id);
    expect(mine.score).toBeGreaterThan(0);
    const notMine = json(
      await s.operator.inject({ url: `/api/v1/requests/${other.id}/mass-event` }),
      requestMassEvent,
    );
    expect(notMine.event).toBeNull();

    // The operator confirms: answered with the prepared text, through the state machine.
    const answered = await s.drive.actOk(s.operator, asking, "answer-from-kb", {
      answer: mine.event?.answer,
      massEventId: event.id,
    });
    expect(answered.status).toBe("answered");
    expect(answered.answers[0]?.body).toBe(prepared);
    expect(answered.events.at(-1)).toMatchObject({ kind: "answer_from_kb", data: { massEventId: event.id } });
    // The other request cannot claim the event's answer.
    const claim = await s.drive.act(s.operator, other, "answer-from-kb", {
      answer: prepared,
      massEventId: event.id,
    });
    expect(error(claim, 400).details?.[0]?.code).toBe("not_linked");
    expect((await s.drive.get(s.operator, other.id)).status).toBe("received");

    // A portal submission is linked too.
    const submitted = await s.t.app.inject({
      method: "POST",
      url: "/api/v1/public/requests",
      payload: {
        fullName: "Ngô Lan",
        phone: "0912 222 333",
        address: "Thôn 2, xã Quảng Phú",
        content: "Tiêm vắc xin sởi cho trẻ 4 tuổi ở đâu, có mất tiền không?",
        field,
      },
    });
    expect(submitted.statusCode).toBe(201);
    const links = await execRaw<{ n: number }>(
      s.t.ctx.db,
      sql`select count(*)::int as n from mass_event_links where mass_event_id = ${event.id}`,
    );
    expect(links[0]?.n).toBe(2);

    // The reports' figures for the period.
    const figures = json(
      await s.coordinator.inject({ url: "/api/v1/reports/mass-events?from=2026-03-01&to=2026-03-31" }),
      massEventList,
    );
    expect(figures.items).toEqual([expect.objectContaining({ id: event.id, linked: 2, answered: 1 })]);
    const before = json(
      await s.coordinator.inject({ url: "/api/v1/reports/mass-events?from=2026-01-01&to=2026-01-31" }),
      massEventList,
    );
    expect(before.items).toEqual([]);

    // The portal banner: the prepared answer and the emergency number chosen.
    const home = await s.t.app.inject({ url: "/" });
    expect(home.body).toContain("Chiến dịch tiêm vắc xin sởi");
    expect(home.body).toContain('href="tel:115"');
    expect(home.body).not.toContain('href="tel:113"');

    // A stale version is a conflict while the event runs.
    const stale = await s.coordinator.inject({
      method: "PUT",
      url: `/api/v1/mass-events/${event.id}`,
      payload: { ...eventBody, version: event.version + 1 },
    });
    expect(error(stale, 409).code).toBe("CONFLICT");

    // Ended early: no longer active, no longer linking; the figures stay.
    const cancelled = json(
      await s.coordinator.inject({
        method: "POST",
        url: `/api/v1/mass-events/${event.id}/cancel`,
        payload: { version: event.version },
      }),
      massEventView,
    );
    expect(cancelled).toMatchObject({ active: false, linked: 2, answered: 1 });
    // Ended, it is history: its window cannot be edited, with its old version or the current one.
    const old = await s.coordinator.inject({
      method: "PUT",
      url: `/api/v1/mass-events/${event.id}`,
      payload: { ...eventBody, version: event.version },
    });
    expect(error(old, 409).code).toBe("INVALID_TRANSITION");
    const edited = await s.coordinator.inject({
      method: "PUT",
      url: `/api/v1/mass-events/${event.id}`,
      payload: { ...eventBody, endsAt: "2026-04-30T17:00:00+07:00", version: cancelled.version },
    });
    expect(error(edited, 409)).toMatchObject({ code: "INVALID_TRANSITION", message: "Sự kiện đã kết thúc." });
    const late = await s.drive.create(s.operator, { content: "lich tiem soi cho tre o tram y te xa", field });
    expect(
      json(await s.operator.inject({ url: `/api/v1/requests/${late.id}/mass-event` }), requestMassEvent)
        .event,
    ).toBeNull();
    // Declaring and ending are in the event log.
    const audit = await execRaw<{ kind: string }>(
      s.t.ctx.db,
      sql`select kind from events where entity = 'mass_event' and entity_id = ${event.id} order by id`,
    );
    expect(audit.map((a) => a.kind)).toEqual(["mass_event.created", "mass_event.cancelled"]);
  });

  // Twenty-sixth session: the API ended an event already past its window (the console hides the
  // button then), which moved the end the console showed after the fact.
  it("does not end an event past its window: its end stays the window's", async () => {
    const event = json(
      await s.coordinator.inject({ method: "POST", url: "/api/v1/mass-events", payload: eventBody }),
      massEventView,
      201,
    );
    await s.at("2026-03-25T09:00:00+07:00");
    const late = await s.coordinator.inject({
      method: "POST",
      url: `/api/v1/mass-events/${event.id}/cancel`,
      payload: { version: event.version },
    });
    expect(error(late, 409)).toMatchObject({ code: "INVALID_TRANSITION", message: "Sự kiện đã kết thúc." });
    // Nor can its window be moved to bring it back (twenty-seventh session: the PUT did, and the
    // period report then counted it in another month).
    const reopened = await s.coordinator.inject({
      method: "PUT",
      url: `/api/v1/mass-events/${event.id}`,
      payload: { ...eventBody, endsAt: "2026-04-30T17:00:00+07:00", version: event.version },
    });
    expect(error(reopened, 409)).toMatchObject({
      code: "INVALID_TRANSITION",
      message: "Sự kiện đã kết thúc.",
    });
    const after = json(await s.coordinator.inject({ url: `/api/v1/mass-events/${event.id}` }), massEventView);
    expect(after).toMatchObject({
      active: false,
      cancelledAt: null,
      version: event.version,
      endsAt: event.endsAt,
    });
  });

  it("reads just the events named by ids, however old, in one call; a bad list is refused", async () => {
    // Thirty-seventh session: the audit log read each event older than the newest 200 by its own GET.
    const declare = async (title: string) =>
      json(
        await s.coordinator.inject({
          method: "POST",
          url: "/api/v1/mass-events",
          payload: { ...eventBody, title },
        }),
        massEventView,
        201,
      );
    const a = await declare("Sự kiện A");
    const b = await declare("Sự kiện B");
    await declare("Sự kiện C");
    const unknown = "00000000-0000-4000-8000-000000000000";
    const read = await s.operator.inject({ url: `/api/v1/mass-events?ids=${a.id},${b.id},${unknown}` });
    expect(
      json(read, massEventList)
        .items.map((e) => e.title)
        .sort(),
    ).toEqual(["Sự kiện A", "Sự kiện B"]);
    for (const bad of ["khong-phai-uuid", `${a.id},`, Array(101).fill(a.id).join(",")]) {
      const refused = await s.operator.inject({ url: `/api/v1/mass-events?ids=${encodeURIComponent(bad)}` });
      expect(refused.statusCode).toBe(400);
    }
  });
});
