import { createHash } from "node:crypto";
import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { Channel } from "../../shared/request-status.js";
import type { Executor } from "../db/client.js";
import { type IntakeRow, insertIntake } from "../db/repositories/intake.repository.js";
import { insertAttachment } from "../db/repositories/slip.repository.js";
import { completenessOf } from "../domain/completeness.js";
import { normalizePhone } from "../domain/phone.js";
import { newRequestCode } from "../domain/request-code.js";

export interface NewAttachment {
  filename: string;
  mimeType: string;
  content: Buffer;
}

export interface RecordInput {
  channel: Channel;
  receivedAt: Date;
  /** An existing requester (staff desk, channels) or the details to find-or-create by phone (portal). */
  requester:
    | { id: string; fullName: string | null; phone: string | null; address: string | null }
    | {
        upsert: {
          kind: "person" | "organisation";
          fullName: string;
          phone: string;
          address: string;
          email: string | null;
        };
      };
  content: string;
  fieldCode?: string | null;
  urgency?: "normal" | "urgent";
  publishConsent?: boolean;
  operator?: Actor | null;
  /** Who the event log names when no staff member acts: "Cổng thông tin", "Zalo", … */
  actorLabel?: string;
  externalRef?: string | null;
  call?: { callId?: string; startedAt?: string; endedAt?: string; recordingUrl?: string } | null;
  attachments?: NewAttachment[];
  /** Where the acknowledgement goes (the intake knows: the channel identity, or an email); none → the portal. */
  notifyTargets: { channel: string; recipient: string }[];
  acknowledge?: boolean;
}

/**
 * Records a new request (Art. 9.1, R-IN1): the one place every channel — operator desk, portal,
 * email, Zalo, Facebook — creates requests, so each gets a code, completeness hints (Art. 7), a
 * first event and an acknowledgement with its code (R-IN5) the same way. With attachments, call it
 * inside a transaction; without, it is a single atomic statement.
 */
export async function recordRequest(
  db: Executor,
  input: RecordInput,
): Promise<{ id: string; code: string; eventId: number }> {
  const who = "upsert" in input.requester ? input.requester.upsert : input.requester;
  const completeness = completenessOf({
    fullName: who.fullName,
    address: who.address,
    phone: who.phone,
    content: input.content,
    fieldId: input.fieldCode ? 0 : null,
  });
  const requester: IntakeRow["requester"] =
    "upsert" in input.requester
      ? {
          upsert: {
            ...input.requester.upsert,
            phone: normalizePhone(input.requester.upsert.phone) ?? input.requester.upsert.phone,
          },
        }
      : { id: input.requester.id };
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newRequestCode(input.receivedAt);
    const text = `Tổng đài 1022 đã tiếp nhận yêu cầu của bạn. Mã yêu cầu: ${code}. Bạn có thể theo dõi kết quả trên Cổng thông tin Tổng đài 1022 bằng mã này và số điện thoại.`;
    const result = await insertIntake(db, {
      code,
      channel: input.channel,
      receivedAt: input.receivedAt,
      requester,
      content: input.content,
      fieldCode: input.fieldCode ?? null,
      urgency: input.urgency ?? "normal",
      operatorId: input.operator?.userId ?? null,
      completeness,
      publishConsent: input.publishConsent ?? true,
      externalRef: input.externalRef ?? null,
      call: input.call ?? null,
      event: {
        actorId: input.operator?.userId ?? null,
        actorLabel: input.operator?.fullName ?? input.actorLabel ?? "Hệ thống",
        data: { channel: input.channel, completeness, attachments: input.attachments?.length ?? 0 },
        publicNote: "Tổng đài 1022 đã tiếp nhận yêu cầu.",
      },
      outbox:
        input.acknowledge === false
          ? []
          : input.notifyTargets.map((t) => ({
              ...t,
              kind: "acknowledgement",
              subject: `[${code}] Tổng đài 1022`,
              body: text,
            })),
    });
    if (result.outcome === "unknown_field") {
      throw new AppError("VALIDATION", "Lĩnh vực không hợp lệ.", {
        details: [
          { field: "field", code: "unknown_field", message: "Lĩnh vực không tồn tại hoặc đã ngừng sử dụng." },
        ],
      });
    }
    if (result.outcome === "code_taken") continue;
    for (const file of input.attachments ?? []) {
      const sha256 = createHash("sha256").update(file.content).digest("hex");
      await insertAttachment(db, { requestId: result.id, ...file, sha256 });
    }
    return { id: result.id, code, eventId: result.eventId };
  }
  throw new Error("could not draw a free request code");
}
