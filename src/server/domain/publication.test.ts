import { describe, expect, it } from "vitest";
import { AppError } from "../../shared/errors.js";
import { answerOwner, assertRedactionOnly, isPublic, isPublished } from "./publication.js";

const at = new Date("2026-03-10T02:00:00Z");

describe("publication rules (Art. 8.2, 12, 14.7)", () => {
  it("public = published, not taken down, and the requester agreed", () => {
    expect(isPublic({ published_at: at, taken_down_at: null, publish_consent: true })).toBe(true);
    expect(isPublic({ published_at: at, taken_down_at: null, publish_consent: false })).toBe(false);
    expect(isPublic({ published_at: at, taken_down_at: at, publish_consent: true })).toBe(false);
    expect(isPublic({ published_at: null, taken_down_at: null, publish_consent: true })).toBe(false);
    expect(isPublished({ published_at: at, taken_down_at: at })).toBe(false);
  });

  it("whoever answered owns the publication: the hotline for a Q&A-base answer, else the agency", () => {
    expect(answerOwner({ source: "kb", agency_id: null })).toEqual({ kind: "hotline" });
    expect(answerOwner({ source: "agency", agency_id: "a1" })).toEqual({ kind: "agency", agencyId: "a1" });
    expect(answerOwner({ source: "coordinator", agency_id: null })).toBeNull();
    expect(answerOwner({ source: "agency", agency_id: null })).toBeNull();
    expect(answerOwner(undefined)).toBeNull();
  });

  it("refuses a non-redaction with REDACTION_ONLY naming the field, in Vietnamese", () => {
    expect(assertRedactionOnly("publicAnswer", "Gọi Lê Văn A nhé", "Gọi […] nhé")).toHaveLength(1);
    let error: unknown;
    try {
      assertRedactionOnly("publicQuestion", "Gọi Lê Văn A nhé", "Gọi anh ấy nhé");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "REDACTION_ONLY", status: 400 });
    expect((error as AppError).message).toContain("câu hỏi của người yêu cầu");
    expect((error as AppError).details).toEqual([
      expect.objectContaining({ field: "publicQuestion", code: "not_a_redaction" }),
    ]);
  });
});
