import { invalidField } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { Executor } from "../db/client.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import {
  listOpenObligationsOf,
  meetObligation,
  waiveObligation,
} from "../db/repositories/obligation.repository.js";
import {
  findRequest,
  listJoined,
  lockRequest,
  type RequestRow,
} from "../db/repositories/request.repository.js";
import { type SlipRow, updateSlip } from "../db/repositories/slip.repository.js";
import { mergeRefusal } from "../domain/request-state.js";
import { type NotificationKind, notifyRequester } from "./notify.js";

/**
 * Issue 19: merging a duplicate into the request it repeats, and relaying what happens to that
 * request to the requesters who joined it. The transition itself (status «merged», the version
 * check, the event) runs through `act` in request-actions.service.ts like every other one.
 */

/** The waive reason of an obligation stopped by a merge (obligations design: waived with a reason). */
export const MERGED_REASON = "merged";

export interface MergeStep {
  tx: Executor;
  actor: Actor;
  row: RequestRow;
  slip: SlipRow | undefined;
  now: Date;
}

/**
 * Checks the target (locked, so a concurrent publication of it waits for the merge), stops the
 * merged request's clock and closes its open slip. An obligation still in time is waived with the
 * reason "merged"; one already past its due time is met now — late, as it is — so a merge never
 * erases lateness already incurred. Returns the patch, event data and message of the transition.
 */
export async function mergeEffect(s: MergeStep, intoId: string) {
  const locked = await lockRequest(s.tx, intoId);
  const target = locked ? await findRequest(s.tx, intoId) : undefined;
  if (!target) {
    throw invalidField("intoId", "Yêu cầu đích không tồn tại.", { code: "unknown_request" });
  }
  const refusal = mergeRefusal({ id: s.row.id, joinedBy: s.row.joined_count }, target);
  if (refusal) {
    throw invalidField("intoId", refusal.message, { error: "INVALID_TRANSITION", code: refusal.code });
  }
  let waived = 0;
  let metLate = 0;
  for (const o of await listOpenObligationsOf(s.tx, [s.row.id])) {
    if (o.due_at.getTime() < s.now.getTime()) {
      if (await meetObligation(s.tx, o.id, s.now, s.actor.userId)) metLate++;
    } else if (await waiveObligation(s.tx, o.id, { at: s.now, by: s.actor.userId, reason: MERGED_REASON })) {
      waived++;
    }
  }
  if (s.slip) {
    await updateSlip(s.tx, s.slip.id, {
      status: "returned",
      returnReason: `Gộp vào yêu cầu ${target.code}`,
      closedAt: s.now,
    });
  }
  // Already answered and published: the requester who joins receives that answer now.
  const published = target.status === "published" && target.public_answer !== null;
  return {
    target,
    patch: { mergedIntoId: target.id, mergedAt: s.now, agencyId: null },
    data: {
      intoId: target.id,
      intoCode: target.code,
      slipId: s.slip?.id ?? null,
      obligations: { waived, metLate },
    },
    // The other request's code is someone else's follow code: never shown to this requester.
    publicNote:
      "Yêu cầu có cùng nội dung với một yêu cầu đang được xử lý; được gộp để trả lời chung. Kết quả trả lời sẽ được gửi đến bạn.",
    notify: published
      ? {
          kind: "answer_published" as NotificationKind,
          text: `Kết quả trả lời yêu cầu ${s.row.code}:\n${target.public_answer}\n— ${target.answering_agency_name ?? "Tổng đài 1022"}`,
        }
      : {
          kind: "progress" as NotificationKind,
          text: `Yêu cầu ${s.row.code} có cùng nội dung với một yêu cầu đang được xử lý nên được gộp để trả lời chung; kết quả trả lời sẽ được gửi đến bạn.`,
        },
  };
}

/**
 * After a transition of a request that others joined: each of them gets the public note in its own
 * history and, when the requester of the joined request is told something (progress, answer,
 * publication — not a question meant for that requester alone), the same message on its own
 * channel, once (the outbox dedupes on the event, channel and recipient).
 */
export async function relayToJoined(
  tx: Executor,
  r: {
    actor: Actor;
    target: { id: string; code: string };
    action: string;
    eventId: number;
    at: Date;
    publicNote: string | null;
    notify?: { kind: NotificationKind; text: string };
  },
): Promise<number> {
  // A question is for the joined request's own requester (Art. 14.6), not for the others.
  if ((r.publicNote === null && !r.notify) || r.action === "ask_requester") return 0;
  const joined = await listJoined(tx, r.target.id);
  for (const j of joined) {
    const event = await appendEvent(tx, {
      actor: r.actor,
      entity: "request",
      entityId: j.id,
      requestId: j.id,
      kind: "joined_update",
      fromStatus: "merged",
      toStatus: "merged",
      at: r.at,
      data: { fromRequestId: r.target.id, fromCode: r.target.code, action: r.action, fromEventId: r.eventId },
      publicNote: r.publicNote,
    });
    if (r.notify) {
      await notifyRequester(tx, {
        requestId: j.id,
        eventId: event.id,
        code: j.code,
        kind: r.notify.kind,
        // The message names the requester's own code, the one they follow.
        text: r.notify.text.replaceAll(r.target.code, j.code),
      });
    }
  }
  return joined.length;
}
