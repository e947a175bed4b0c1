import { createHash } from "node:crypto";
import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { Channel } from "../../shared/request-status.js";
import type { CompletenessIssue } from "../../shared/schemas/requests.js";
import { notifyRequester } from "../channels/notify.js";
import type { Executor } from "../db/client.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { findFieldIdByCode, insertRequest } from "../db/repositories/request.repository.js";
import { insertAttachment } from "../db/repositories/slip.repository.js";
import { completenessOf } from "../domain/completeness.js";
import { newRequestCode } from "../domain/request-code.js";

export interface NewAttachment {
  filename: string;
  mimeType: string;
  content: Buffer;
}

export interface RecordInput {
  channel: Channel;
  receivedAt: Date;
  requester: { id: string; fullName: string | null; phone: string | null; address: string | null };
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
  acknowledge?: boolean;
}

/**
 * Records a new request (Art. 9.1, R-IN1): the one place every channel — operator desk, portal,
 * email, Zalo, Facebook — creates requests, so each gets a code, completeness hints, a first event
 * and an acknowledgement the same way.
 */
export async function recordRequest(tx: Executor, input: RecordInput): Promise<{ id: string; code: string; eventId: number }> {
  let fieldId: number | null = null;
  if (input.fieldCode) {
    const field = await findFieldIdByCode(tx, input.fieldCode);
    if (!field || !field.active) {
      throw new AppError("VALIDATION", "Lĩnh vực không hợp lệ.", {
        details: [{ field: "field", code: "unknown_field", message: "Lĩnh vực không tồn tại hoặc đã ngừng sử dụng." }],
      });
    }
    fieldId = field.id;
  }
  const completeness: CompletenessIssue[] = completenessOf({
    fullName: input.requester.fullName,
    address: input.requester.address,
    phone: input.requester.phone,
    content: input.content,
    fieldId,
  });
  let created: { id: string } | null = null;
  let code = "";
  for (let attempt = 0; attempt < 5 && !created; attempt++) {
    code = newRequestCode(input.receivedAt);
    created = await insertRequest(tx, {
      code,
      channel: input.channel,
      receivedAt: input.receivedAt,
      requesterId: input.requester.id,
      content: input.content,
      fieldId,
      urgency: input.urgency ?? "normal",
      operatorId: input.operator?.userId ?? null,
      completeness,
      publishConsent: input.publishConsent ?? true,
      externalRef: input.externalRef ?? null,
      call: input.call ?? null,
    });
  }
  if (!created) throw new Error("could not draw a free request code");
  for (const file of input.attachments ?? []) {
    const sha256 = createHash("sha256").update(file.content).digest("hex");
    await insertAttachment(tx, { requestId: created.id, ...file, sha256 });
  }
  const event = await appendEvent(tx, {
    actor: input.operator ?? null,
    actorLabel: input.operator ? undefined : (input.actorLabel ?? "Hệ thống"),
    entity: "request",
    entityId: created.id,
    requestId: created.id,
    kind: "received",
    toStatus: "received",
    at: input.receivedAt,
    data: { channel: input.channel, completeness, attachments: input.attachments?.length ?? 0 },
    publicNote: "Tổng đài 1022 đã tiếp nhận yêu cầu.",
  });
  if (input.acknowledge !== false) {
    await notifyRequester(tx, {
      requestId: created.id,
      eventId: event.id,
      kind: "acknowledgement",
      code,
      text: `Tổng đài 1022 đã tiếp nhận yêu cầu của bạn. Mã yêu cầu: ${code}. Bạn có thể theo dõi kết quả trên Cổng thông tin Tổng đài 1022 bằng mã này và số điện thoại.`,
    });
  }
  return { id: created.id, code, eventId: event.id };
}
