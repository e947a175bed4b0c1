import { channelLabels } from "../../shared/request-status.js";
import type { IntakeInput, IntakeResult } from "../channels/channel.js";
import type { AppContext } from "../context.js";
import { isUniqueViolation } from "../db/pg-errors.js";
import { insertAttachment } from "../db/repositories/attachment.repository.js";
import { findMessageEvent } from "../db/repositories/event.repository.js";
import {
  findOpenRequestOfIdentity,
  findRequestByCode,
  findRequestByExternalRef,
} from "../db/repositories/request.repository.js";
import {
  findOrCreateRequester,
  findRequesterIdOfIdentity,
  insertIdentity,
} from "../db/repositories/requester.repository.js";
import type { SuggestionCandidate } from "../domain/kb/suggestions.js";
import { normalizePhone } from "../domain/phone.js";
import { publishMessage, recordRequesterMessage } from "./conversation.js";
import type { MassEventMatch } from "./mass-event.service.js";
import { targetsOf } from "./notify.js";
import type { RequestServiceDeps } from "./request.service.js";
import { recordRequest } from "./request-intake.js";

/** The message was recorded before (a redelivery): the request it landed on, nothing new. */
const alreadyRecorded = (request: { id: string; code: string; status: string }) => ({
  requestId: request.id,
  code: request.code,
  created: false,
  appended: false,
  status: request.status,
});

/**
 * Turns a message from a channel into a new request or a message on the requester's open one
 * (R-CH3–6). Idempotent on the provider's message id.
 */
export function createChannelIntakeService(
  ctx: AppContext,
  deps: RequestServiceDeps & {
    /** Confident published answers to a question (issue 16); absent → acknowledgements carry none. */
    suggest?: (question: string) => Promise<SuggestionCandidate[]>;
    /** The mass event on now a message matches (issue 19); absent → never linked at intake. */
    massEvent?: (content: string) => Promise<MassEventMatch | null>;
  },
) {
  const { db } = ctx;

  /** Looked up before the transaction (the embedded database has one connection). */
  async function suggestionsFor(input: IntakeInput): Promise<SuggestionCandidate[]> {
    if (!deps.suggest || input.suppressAcknowledgement) return [];
    return deps.suggest(input.content).catch((error: unknown) => {
      ctx.logger.warn({ err: error }, "no Q&A suggestions for the acknowledgement");
      return [];
    });
  }

  /** Looked up before the transaction too; a failure only leaves the request unlinked (the desk links it). */
  async function massEventFor(input: IntakeInput): Promise<MassEventMatch | null> {
    if (!deps.massEvent) return null;
    return deps.massEvent(input.content).catch((error: unknown) => {
      ctx.logger.warn({ err: error }, "no mass event link at intake");
      return null;
    });
  }

  async function intake(input: IntakeInput): Promise<IntakeResult> {
    const ref = `${input.externalRef}`;
    const seen = await findRequestByExternalRef(db, input.channel, ref);
    if (seen) return { requestId: seen.id, code: seen.code, created: false, appended: false };
    // A message about a mass event on now gets the event's prepared answer, not Q&A suggestions.
    const massEvent = await massEventFor(input);
    const suggestions = massEvent ? [] : await suggestionsFor(input);
    const result = await db
      .transaction(async (tx): Promise<IntakeResult & { status: string }> => {
        // A follow-up message already recorded on an existing request?
        const dup = await findMessageEvent(tx, input.channel, ref);
        if (dup) return alreadyRecorded({ id: dup.request_id, code: dup.code, status: dup.status });
        let requesterId = await findRequesterIdOfIdentity(tx, input.channel, input.identity.externalId);
        const threaded = input.threadCode
          ? await findRequestByCode(tx, input.threadCode.toUpperCase())
          : undefined;
        const target =
          threaded &&
          (threaded.requester_id === requesterId || threaded.requester_email === input.identity.email)
            ? { id: threaded.id, code: threaded.code }
            : await findOpenRequestOfIdentity(tx, input.channel, input.identity.externalId);
        if (target) {
          // A reply to the agency's question (Art. 14.6) ends the wait; any message joins the conversation.
          await recordRequesterMessage(tx, {
            requestId: target.id,
            channel: input.channel,
            body: input.content,
            label: input.identity.displayName ?? channelLabels[input.channel],
            at: input.receivedAt,
            externalRef: ref,
            autoReply: input.suppressAcknowledgement ?? false,
          });
          for (const file of input.attachments ?? []) await insertAttachment(tx, target.id, file);
          return { requestId: target.id, code: target.code, created: false, appended: true, status: "" };
        }
        if (!requesterId) {
          requesterId = (
            await findOrCreateRequester(tx, {
              fullName: input.identity.displayName ?? null,
              email: input.identity.email ?? null,
              phone: normalizePhone(input.identity.phone),
              address: null,
            })
          ).id;
          await insertIdentity(tx, requesterId, input.channel, input.identity.externalId);
        }
        const created = await recordRequest(tx, {
          channel: input.channel,
          receivedAt: input.receivedAt,
          requester: { id: requesterId },
          // What came with this message is this request's own (issue 13).
          contact: {
            kind: "person",
            fullName: input.identity.displayName ?? null,
            phone: input.identity.phone ?? null,
            address: null,
            email: input.identity.email ?? null,
            channelId: input.identity.externalId,
          },
          content: input.content,
          actorLabel: channelLabels[input.channel],
          externalRef: ref,
          attachments: input.attachments,
          acknowledge: !input.suppressAcknowledgement,
          suggestions,
          massEvent,
          // Answer on the channel the requester used (R-CH3–5).
          notifyTargets: targetsOf({
            channel: input.channel,
            email: input.identity.email ?? null,
            externalId: input.identity.externalId,
          }),
          publicUrl: ctx.config.PUBLIC_URL,
        });
        return {
          requestId: created.id,
          code: created.code,
          created: true,
          appended: false,
          status: "received",
        };
      })
      .catch(async (error: unknown) => {
        // Two deliveries of the same message racing: the loser finds the winner's request.
        if (isUniqueViolation(error)) {
          const again = await findRequestByExternalRef(db, input.channel, ref);
          if (again) return alreadyRecorded(again);
        }
        throw error;
      });
    const { status, ...out } = result;
    // The agency holding the request sees the message live (its own agency's events only).
    if (out.appended) await publishMessage(deps, db, out.requestId);
    else if (out.created) {
      deps.live.publish({
        requestId: out.requestId,
        code: out.code,
        status: status || "received",
        agencyId: null,
        urgency: "normal",
        kind: "received",
      });
    }
    return out;
  }

  return { intakeFromChannel: intake };
}
