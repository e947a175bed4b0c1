import { createImapPoller } from "../channels/email/imap-poller.js";
import type { AppContext } from "../context.js";
import type { Services } from "../services/index.js";
import { createInboundWorker } from "./inbound.worker.js";
import { createOutboxWorker } from "./outbox.worker.js";

export interface ChannelJobs {
  stop(): Promise<void>;
}

/**
 * Starts the channel jobs of a server process (not part of buildApp, so tests drive them by
 * hand): outbox delivery, webhook event processing, and the mailbox poller, which stays idle until
 * an IMAP URL is configured.
 */
export function startChannelJobs(ctx: AppContext, services: Services): ChannelJobs {
  const intake = services.requests.intakeFromChannel;
  const outbox = createOutboxWorker(ctx, services.outboxDeliverers);
  const inbound = createInboundWorker(ctx, intake);
  const mail = createImapPoller(ctx, intake);
  outbox.start();
  inbound.start();
  void mail.start();
  return {
    // Graceful: each job finishes the pass in progress, so no delivery is left half-recorded.
    stop: async () => {
      await Promise.all([mail.stop(), inbound.stop(), outbox.stop()]);
    },
  };
}
