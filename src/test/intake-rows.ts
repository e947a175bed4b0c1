import type { IntakeRow } from "../server/db/repositories/intake.repository.js";

/** A citizen's portal request as `insertIntake` takes it, `code` and `followSecretHash` given. */
export function portalIntakeRow(code: string, phone: string, followSecretHash: string): IntakeRow {
  const contact = { kind: "person" as const, fullName: "Lê Văn Bình", phone, address: null, email: null };
  return {
    code,
    channel: "portal",
    receivedAt: new Date("2026-03-02T02:00:00Z"),
    requester: { byPhone: contact },
    contact: { ...contact, channelId: null },
    followSecretHash,
    content: "Xin hỏi lịch tiêm vắc xin cho trẻ",
    fieldCode: null,
    urgency: "normal",
    operatorId: null,
    completeness: [],
    publishConsent: false,
    externalRef: null,
    call: null,
    event: { actorId: null, actorLabel: "Công dân", data: {}, publicNote: "Đã tiếp nhận" },
    outbox: [],
  };
}
