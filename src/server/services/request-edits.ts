import type { z } from "zod";
import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type {
  issueFollowLinkBody,
  RequestDetail,
  revokeFollowLinkBody,
  updateRequestBody,
} from "../../shared/schemas/requests.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { fieldTable } from "../db/repositories/field.repository.js";
import {
  findRequest,
  type RequestContactPatch,
  type RequestRow,
  replaceFollowSecret,
  revokeFollowSecret,
  updateRequest,
  updateRequestContact,
} from "../db/repositories/request.repository.js";
import { completenessOf } from "../domain/completeness.js";
import { normalizePhone } from "../domain/phone.js";
import { assertCanEdit } from "../domain/request-state.js";
import { authorize } from "../policies/authorize.js";
import { followLink, newFollowSecret } from "./follow-link.js";
import { notifyRequester, targetsFor } from "./notify.js";
import { unknownField } from "./request-intake.js";

/*
 * The operator's corrections to a request outside its transitions (permission `request.edit`):
 * what the requester said, their contact details on this request, and the follow link.
 */

/**
 * The fields of `patch` whose value differs from `current`, with their values before and after;
 * undefined when none does. A field left out, or submitted as it is stored, is not an edit.
 */
function changesOf<T extends object>(current: Required<T>, patch: T): { before: T; after: T } | undefined {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  for (const key of Object.keys(current) as (keyof T)[]) {
    const next = patch[key];
    if (next === undefined || next === current[key]) continue;
    before[key] = current[key];
    after[key] = next;
  }
  return Object.keys(after).length > 0 ? { before: before as T, after: after as T } : undefined;
}

/** The contact fields a correction really changes; only those are written and recorded. */
export function contactChanges(
  row: Pick<
    RequestRow,
    "requester_kind" | "requester_name" | "requester_phone" | "requester_address" | "requester_email"
  >,
  patch: RequestContactPatch,
): { before: RequestContactPatch; after: RequestContactPatch } | undefined {
  return changesOf<RequestContactPatch>(
    {
      kind: row.requester_kind,
      fullName: row.requester_name,
      phone: row.requester_phone,
      address: row.requester_address,
      email: row.requester_email,
    },
    patch,
  );
}

type Said = Pick<z.infer<typeof updateRequestBody>, "content" | "field" | "urgency">;

/**
 * What the requester said that a correction really changes (fourteenth session: the console sends
 * the whole form, and a value submitted as it is stored is not an edit).
 */
function saidChanges(
  row: Pick<RequestRow, "content" | "field_code" | "urgency">,
  body: Said,
): { before: Said; after: Said } | undefined {
  return changesOf<Said>({ content: row.content, field: row.field_code, urgency: row.urgency }, body);
}

export function createRequestEdits(
  ctx: AppContext,
  detail: (actor: Actor, row: RequestRow) => Promise<RequestDetail>,
) {
  const { db } = ctx;

  /**
   * One correction: authorized first, made in one transaction on the request as it is (404 when
   * there is none), answered with the request's detail as it now is.
   */
  async function edit(
    actor: Actor | null,
    id: string,
    change: (tx: Executor, row: RequestRow, editor: Actor) => Promise<void>,
  ): Promise<RequestDetail> {
    const editor = authorize(actor, "request.edit");
    await db.transaction(async (tx) => {
      const row = await findRequest(tx, id);
      if (!row) throw new AppError("NOT_FOUND");
      await change(tx, row, editor);
    });
    const row = await findRequest(db, id);
    if (!row) throw new AppError("NOT_FOUND");
    return detail(editor, row);
  }

  /** The correction's entry in the request's history (for staff: no public note). */
  const recordEdit = (tx: Executor, editor: Actor, id: string, kind: string, data: Record<string, unknown>) =>
    appendEvent(tx, { actor: editor, entity: "request", entityId: id, requestId: id, kind, data });

  return {
    /** Corrects what the requester said (Art. 7: the operator fills what was missing). */
    async updateRequest(
      actor: Actor | null,
      id: string,
      body: z.infer<typeof updateRequestBody>,
    ): Promise<RequestDetail> {
      return edit(actor, id, async (tx, row, editor) => {
        assertCanEdit(row.status);
        // Only the fields whose value changes are written and recorded.
        const said = saidChanges(row, body);
        const next = said?.after ?? {};
        let fieldId = row.field_id;
        if (next.field !== undefined) {
          if (next.field === null) fieldId = null;
          else {
            const f = await fieldTable.findByCode(tx, next.field);
            if (!f?.active) throw unknownField();
            fieldId = f.id;
          }
        }
        const r = body.requester ?? {};
        const phone =
          r.phone === undefined ? undefined : r.phone ? (normalizePhone(r.phone) ?? r.phone) : null;
        const contact = contactChanges(row, {
          kind: r.kind,
          fullName: r.fullName === undefined ? undefined : r.fullName || null,
          phone,
          address: r.address === undefined ? undefined : r.address || null,
          email: r.email === undefined ? undefined : r.email || null,
        });
        // Saved with nothing changed (the console then sends only the version): nothing is written,
        // so the version stays and a colleague editing from it is not refused; stale is still 409.
        if (!said && !contact) {
          if (row.version !== body.version) throw new AppError("CONFLICT");
          return;
        }
        const content = body.content ?? row.content;
        const completeness = completenessOf({
          fullName: r.fullName !== undefined ? r.fullName : row.requester_name,
          address: r.address !== undefined ? r.address : row.requester_address,
          phone: phone !== undefined ? phone : row.requester_phone,
          content,
          fieldId,
        });
        const ok = await updateRequest(tx, id, body.version, {
          content: next.content,
          fieldId: next.field === undefined ? undefined : fieldId,
          urgency: next.urgency,
          completeness,
        });
        if (!ok) throw new AppError("CONFLICT");
        if (contact) {
          // The correction is this request's only: other requests and the requester row keep theirs.
          await updateRequestContact(tx, id, contact.after);
          // Audit trail for staff only (no public note): the follow page never shows contact details.
          await recordEdit(tx, editor, id, "contact_corrected", contact);
        }
        if (said) await recordEdit(tx, editor, id, "edited", said);
      });
    },

    /**
     * Revokes the request's follow link (e.g. the requester says someone else saw it): the link
     * then answers the same 404 as any wrong one. Recorded on the request for staff, no public note.
     */
    async revokeFollowLink(
      actor: Actor | null,
      id: string,
      body: z.infer<typeof revokeFollowLinkBody>,
    ): Promise<RequestDetail> {
      return edit(actor, id, async (tx, row, editor) => {
        if (!row.follow_link_active)
          throw new AppError("INVALID_TRANSITION", "Yêu cầu này không có đường dẫn theo dõi đang hiệu lực.");
        if (!(await updateRequest(tx, id, body.version, {}))) throw new AppError("CONFLICT");
        await revokeFollowSecret(tx, id, ctx.clock.now());
        await recordEdit(tx, editor, id, "follow_link_revoked", { reason: body.reason });
      });
    },

    /**
     * Sends the requester a new follow link over the request's own channel (after a revocation, or
     * when they lost it); the previous link stops working. 409 when the request has no way to
     * reach the requester (phone only: they follow by code + phone).
     */
    async issueFollowLink(
      actor: Actor | null,
      id: string,
      body: z.infer<typeof issueFollowLinkBody>,
    ): Promise<RequestDetail> {
      return edit(actor, id, async (tx, row, editor) => {
        const targets = await targetsFor(tx, id);
        if (targets.length === 0)
          throw new AppError(
            "INVALID_TRANSITION",
            "Không có kênh nào (email, Zalo, Facebook) để gửi đường dẫn cho người yêu cầu này.",
          );
        if (!(await updateRequest(tx, id, body.version, {}))) throw new AppError("CONFLICT");
        const follow = newFollowSecret();
        await replaceFollowSecret(tx, id, follow.hash);
        const event = await recordEdit(tx, editor, id, "follow_link_issued", {
          channels: targets.map((x) => x.channel),
        });
        await notifyRequester(tx, {
          requestId: id,
          eventId: event.id,
          kind: "follow_link",
          code: row.code,
          targets,
          text: `Đường dẫn mới để theo dõi yêu cầu ${row.code} (đường dẫn cũ không còn dùng được; không chia sẻ cho người khác): ${followLink(ctx.config.PUBLIC_URL, follow.secret)}`,
        });
      });
    },
  };
}
