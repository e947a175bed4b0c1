import { describe, expect, it } from "vitest";
import { massEventEnd } from "./mass-events.js";

describe("massEventEnd (issue 19)", () => {
  const window = { endsAt: "2026-03-21T00:00:00+07:00" };

  it("is the window's end, unless the coordinator ended the event before it", () => {
    expect(massEventEnd({ ...window, cancelledAt: null })).toBe(window.endsAt);
    expect(massEventEnd({ ...window, cancelledAt: "2026-03-12T08:00:00+07:00" })).toBe(
      "2026-03-12T08:00:00+07:00",
    );
    // Ended after its window (stored before the API refused it): it ended with its window.
    expect(massEventEnd({ ...window, cancelledAt: "2026-03-26T08:00:00+07:00" })).toBe(window.endsAt);
    // Instants compare as instants, not as text in different offsets.
    expect(massEventEnd({ ...window, cancelledAt: "2026-03-20T18:00:00Z" })).toBe(window.endsAt);
  });
});
