import { createImapPoller } from "../channels/email/imap-poller.js";
import type { AppContext } from "../context.js";
import type { Services } from "../services/index.js";
import { createInboundWorker } from "./inbound.worker.js";
import { createOutboxWorker } from "./outbox.worker.js";
import { createJobLease } from "./scheduled.js";

/** The mailbox poller's fallback poll, and how long a silent holder keeps the mailbox (issue 15). */
const IMAP_POLL_MS = 60_000;
const IMAP_LEASE_MS = 150_000;

export interface ChannelJobs {
  stop(): Promise<void>;
}

/**
 * Starts the channel jobs of a server process (not part of buildApp, so tests drive them by
 * hand): outbox delivery, webhook event processing, and the mailbox poller, which stays idle until
 * an IMAP URL is configured and runs in one process of a cluster at a time.
 */
export function startChannelJobs(ctx: AppContext, services: Services): ChannelJobs {
  const intake = services.requests.intakeFromChannel;
  const outbox = createOutboxWorker(ctx, services.outboxDeliverers, { live: services.live });
  const inbound = createInboundWorker(ctx, intake);
  // One process of the cluster polls the mailbox (the lease in job_runs); the others stand by.
  const mail = createImapPoller(ctx, intake, {
    pollIntervalMs: IMAP_POLL_MS,
    lease: createJobLease(ctx, "imap-poll", IMAP_LEASE_MS),
  });
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
