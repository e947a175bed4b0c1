import { createChannelAdapters } from "../channels/registry.js";
import {
  createWebhookDeliverer,
  type OutboxDeliverer,
  WEBHOOK_CHANNEL,
} from "../channels/webhook/webhook.deliverer.js";
import type { AppContext } from "../context.js";
import { createRelay } from "../db/relay.js";
import { createAccessLogService } from "./access-log.service.js";
import { createAgencyService } from "./agency.service.js";
import { createAnswerAttachmentService } from "./answer-attachments.js";
import { createAuditService } from "./audit.service.js";
import { createAuthService } from "./auth.service.js";
import { createCalendarService } from "./calendar.service.js";
import { createCallService } from "./call.service.js";
import { createCaptchaService } from "./captcha.service.js";
import { createChannelService } from "./channel.service.js";
import { createChannelIntakeService } from "./channel-intake.service.js";
import { createConversationService } from "./conversation.js";
import { createDataRequestService } from "./data-request.service.js";
import { createDuplicateService } from "./duplicate.service.js";
import { createFeedbackService } from "./feedback.service.js";
import { createFieldService } from "./field.service.js";
import { createHistoryImportService } from "./history-import.service.js";
import { createIntegrationService } from "./integration.service.js";
import { createKbService } from "./kb.service.js";
import { createKbFromAnswer } from "./kb-from-answer.js";
import { createLiveBus } from "./live-bus.js";
import { createMassEventService } from "./mass-event.service.js";
import { createMonitorService } from "./monitor.service.js";
import { createNoteService } from "./note.service.js";
import { createObligationService } from "./obligation.service.js";
import { createReminderService } from "./obligation-reminders.service.js";
import { createOpen311Service } from "./open311.service.js";
import { createPortalService } from "./portal.service.js";
import { createPublicRequestService } from "./public-request.service.js";
import { createRateLimitService } from "./rate-limit.service.js";
import { createRefusalReasonService } from "./refusal-reason.service.js";
import { createReportService } from "./report.service.js";
import { createReportBackfill } from "./report-backfill.js";
import { createRequestService } from "./request.service.js";
import { createRequestActions } from "./request-actions.service.js";
import { createRequestEdits } from "./request-edits.js";
import { createRetentionService } from "./retention.service.js";
import { createRoutingService } from "./routing.service.js";
import { createSessionBus } from "./session-bus.js";
import { createStaffNotificationService } from "./staff-notification.service.js";
import { createSystemService } from "./system.service.js";
import { createTimeLimitService } from "./time-limits.service.js";
import { createUserService } from "./user.service.js";

/**
 * Every use case of the product, and the channel adapters they deliver through, built once per
 * process from the context. Route plugins and the background jobs receive this object; services
 * never reach for Fastify, and nothing else constructs a service or an adapter.
 */
export function createServices(ctx: AppContext) {
  const channelAdapters = createChannelAdapters(ctx);
  // Messages between the server processes of one database (LISTEN/NOTIFY; in-memory on PGlite).
  const relay = createRelay(ctx.database, {
    listenUrl: ctx.config.LISTEN_DATABASE_URL,
    onError: (error, what) => ctx.logger.warn({ err: error }, what),
  });
  const calendar = createCalendarService(ctx, relay);
  const live = createLiveBus(relay);
  const sessions = createSessionBus(relay);
  const calls = createCallService(ctx, live);
  const requestDeps = { calendar: () => calendar.current(), live, calls };
  const requestService = createRequestService(ctx, requestDeps);
  const publicRequests = createPublicRequestService(ctx, requestDeps);
  const kb = createKbService(ctx);
  const massEvents = createMassEventService(ctx);
  /** What the outbox worker delivers through, by outbox channel: every channel, and webhooks. */
  const outboxDeliverers: ReadonlyMap<string, OutboxDeliverer> = new Map<string, OutboxDeliverer>([
    ...channelAdapters,
    [WEBHOOK_CHANNEL, createWebhookDeliverer(ctx)],
  ]);
  return {
    relay,
    rateLimits: createRateLimitService(ctx),
    live,
    sessions,
    /** One adapter per channel: the outbox worker delivers through these, webhooks parse with them. */
    channelAdapters,
    outboxDeliverers,
    channels: createChannelService(ctx, channelAdapters, live),
    requests: {
      ...requestService,
      ...createRequestEdits(ctx, requestService.detail),
      ...createRequestActions(ctx, requestDeps, requestService.detail),
      ...createChannelIntakeService(ctx, {
        ...requestDeps,
        suggest: kb.suggestAnswers,
        massEvent: massEvents.matchForIntake,
      }),
    },
    publicRequests,
    /** Issue 19: staff's internal notes on a request, with @mentions told live. */
    notes: createNoteService(ctx, requestDeps),
    /** Issue 19: each staff member's stored notifications (the console's bell). */
    notifications: createStaffNotificationService(ctx),
    /** Issue 19: files of an answer (official letter, photos), published with it when public. */
    answerAttachments: createAnswerAttachmentService(ctx),
    /** Issue 19: a published agency answer proposed as a Q&A draft (the usual review follows). */
    kbFromAnswer: createKbFromAnswer(ctx, kb),
    /** Issue 19: the requester's satisfaction after publication ("not resolved" reopens). */
    feedback: createFeedbackService(ctx, requestDeps),
    /** Issue 19: duplicate suggestions (merging itself is the `merge` transition of `requests.act`). */
    duplicates: createDuplicateService(ctx),
    /** Issue 19: mass events (the coordinator's declarations, links, portal banners, figures). */
    massEvents,
    /** Open311 GeoReport v2 (issue 17): filing goes through the portal's intake. */
    open311: createOpen311Service(ctx, publicRequests),
    /** Integrators: API keys and outbound webhook subscriptions (issue 17). */
    integrations: createIntegrationService(ctx),
    /** The requester's replies on the follow page (Art. 14.6); channel replies go through intake. */
    conversation: createConversationService(ctx, requestDeps),
    monitor: createMonitorService(ctx, requestDeps),
    /** Routing suggestions for the forward dialog (issue 19). */
    routing: createRoutingService(ctx),
    obligations: { ...createObligationService(ctx, requestDeps), ...createReminderService(ctx, requestDeps) },
    timeLimits: createTimeLimitService(ctx),
    historyImport: createHistoryImportService(ctx, requestDeps.calendar),
    system: createSystemService(ctx),
    auth: createAuthService(ctx, sessions),
    users: createUserService(ctx, sessions),
    agencies: createAgencyService(ctx),
    fields: createFieldService(ctx),
    refusalReasons: createRefusalReasonService(ctx),
    audit: createAuditService(ctx),
    accessLog: createAccessLogService(ctx),
    calendar,
    captcha: createCaptchaService(ctx),
    portal: createPortalService(ctx),
    kb,
    reports: {
      ...createReportService(ctx),
      ...createReportBackfill(ctx, { calendar: () => calendar.current() }),
    },
    dataRequests: createDataRequestService(ctx, { calendar: () => calendar.current() }),
    retention: createRetentionService(ctx),
    /** The switchboard (issue 12): call events, calls, transfers, callbacks, recordings. */
    calls,
  };
}

export type Services = ReturnType<typeof createServices>;
