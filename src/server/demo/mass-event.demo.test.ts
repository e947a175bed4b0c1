import { describe, expect, it } from "vitest";
import { massEventList } from "../../shared/schemas/mass-events.js";
import { requestDetail, requestListResponse } from "../../shared/schemas/requests.js";
import { vnDateOf } from "../../shared/time.js";
import { useTestApp } from "../../test/hooks.js";
import { json } from "../../test/http.js";
import { signIn } from "../../test/staff.js";

describe("demo mass event (issue 19)", () => {
  const t = useTestApp({ seed: "demo" });

  it("is over, with four requests linked and three answered with its prepared text, in the reports", async () => {
    // Thirtieth session: the demo had no mass event, so the coordinator's list and the reports'
    // figures started empty.
    const coordinator = await signIn(t.app, "coordinator");
    const list = json(await coordinator.inject({ method: "GET", url: "/api/v1/mass-events" }), massEventList);
    expect(list.items).toEqual([
      expect.objectContaining({ active: false, cancelledAt: null, linked: 4, answered: 3 }),
    ]);
    const event = list.items[0];
    if (!event) throw new Error("no demo event");
    const now = t.clock.now().getTime();
    expect(Date.parse(event.endsAt)).toBeLessThan(now);
    expect(Date.parse(event.startsAt)).toBeGreaterThan(now - 5 * 86_400_000);

    const from = vnDateOf(new Date(event.startsAt));
    const figures = json(
      await coordinator.inject({
        method: "GET",
        url: `/api/v1/reports/mass-events?from=${from}&to=${vnDateOf(new Date(now))}`,
      }),
      massEventList,
    );
    expect(figures.items.map((e) => [e.title, e.linked, e.answered])).toEqual([[event.title, 4, 3]]);

    // Its requests were answered and published on the event's days, not at the seeding's time.
    const { items } = json(
      await coordinator.inject({ method: "GET", url: "/api/v1/requests?q=sởi&pageSize=50" }),
      requestListResponse,
    );
    let checked = 0;
    for (const { id } of items) {
      const d = json(
        await coordinator.inject({ method: "GET", url: `/api/v1/requests/${id}` }),
        requestDetail,
      );
      if (!d.content.includes("sởi")) continue;
      expect(d.status).toBe("published");
      expect(Date.parse(d.receivedAt)).toBeLessThan(Date.parse(event.endsAt));
      checked += 1;
    }
    expect(checked).toBe(4);
  });
});
