import { describe, expect, it } from "vitest";
import { changeLines, namer, withoutRepeats } from "./AdminAudit.js";

describe("the audit log's details (changeLines)", () => {
  const massEvent = "9888a70d-1c2e-4f3a-9b8c-0d1e2f3a4b5c";
  const agency = "5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4";
  const names = namer(
    new Map([
      [massEvent, "Bão số 3"],
      [agency, "Sở Y tế"],
    ]),
    new Map([
      ["y-te", "Y tế"],
      ["giao-duc", "Giáo dục"],
      ["so-y-te", "Sở Y tế"],
    ]),
  );

  it("names a field's or agency's code only under a key that holds one; other text is shown as written", () => {
    // Thirty-third session's review: a note reading "y-te" was shown as «Y tế».
    expect(changeLines({ note: "y-te", reason: "so-y-te", fields: ["y-te", "giao-duc"] }, names)).toEqual([
      "note: y-te",
      "reason: so-y-te",
      "fields: Y tế, Giáo dục",
    ]);
    expect(changeLines({ callId: "c-1", agencyCode: "so-y-te" }, names)).toEqual([
      "callId: c-1",
      "agencyCode: Sở Y tế",
    ]);
    expect(
      changeLines(
        { before: { field: "y-te", content: "y-te" }, after: { field: "giao-duc", content: "x" } },
        names,
      ),
    ).toEqual(["field: Y tế → Giáo dục", "content: y-te → x"]);
    // A catalogue's own code («Mã») stays the code beside its name.
    expect(changeLines({ before: null, after: { code: "so-y-te", name: "Sở Y tế" } }, names)).toEqual([
      "code: so-y-te",
      "name: Sở Y tế",
    ]);
  });

  it("names ids wherever they stand (a mass event by its title); an id nobody named is cut short", () => {
    expect(changeLines({ massEventId: massEvent, agencyId: agency }, names)).toEqual([
      "massEventId: Bão số 3",
      "agencyId: Sở Y tế",
    ]);
    expect(changeLines({ massEventId: massEvent }, namer(new Map(), new Map()))).toEqual([
      "massEventId: 9888a70d…",
    ]);
  });

  it("an answer with a mass event's prepared text names the event, without an empty «Câu hỏi»", () => {
    // Thirty-fifth session: «Câu hỏi: —» beside «Sự kiện diện rộng: Bão số 3».
    expect(changeLines(withoutRepeats({ kbEntryId: null, massEventId: massEvent }), names)).toEqual([
      "massEventId: Bão số 3",
    ]);
    // An answer from a Q&A entry keeps it; an agency's id beside its name is said once.
    const entry = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9";
    expect(changeLines(withoutRepeats({ kbEntryId: entry }), names)).toEqual(["kbEntryId: 1f2e3d4c…"]);
    expect(withoutRepeats({ agencyId: agency, agencyName: "Sở Y tế" })).toEqual({ agencyName: "Sở Y tế" });
  });
});
