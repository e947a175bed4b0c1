import { sql } from "drizzle-orm";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execRaw } from "../../db/client.js";
import { createJobLease } from "../../jobs/scheduled.js";
import { type CitizenMailbox, startCitizenMailbox } from "../testing/dovecot.js";
import { type ChannelTestApp, createChannelTestApp } from "../testing/kit.js";
import { createImapPoller } from "./imap-poller.js";

/**
 * Issue 15: several server processes on one database, one mailbox — one of them polls. Two pollers
 * with their own leases on one database stand for two processes (channel-jobs.ts gives each process
 * one); the lease is the row 'imap-poll' in job_runs.
 */
const MAILBOX = "Lease";
const LEASE_MS = 150_000;
let mailbox: CitizenMailbox;
let t: ChannelTestApp;
let citizen: ImapFlow;

const mail = (n: number) =>
  [
    `From: Người gửi ${n} <nguoi${n}@example.vn>`,
    "To: 1022@thanhhoa.gov.vn",
    `Subject: Hỏi thủ tục ${n}`,
    `Message-ID: <lease-${n}@example.vn>`,
    "Date: Mon, 02 Mar 2026 09:00:00 +0700",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    `Xin hỏi thủ tục số ${n}.`,
    "",
  ].join("\r\n");

const leaseRow = async () =>
  (
    await execRaw<{ holder: string | null; runs: number }>(
      t.ctx.db,
      sql`select holder, runs::int from job_runs where job = 'imap-poll'`,
    )
  )[0];

beforeAll(async () => {
  mailbox = await startCitizenMailbox(MAILBOX);
  citizen = mailbox.citizen;
  t = await createChannelTestApp({ IMAP_URL: mailbox.dovecot.url(MAILBOX) });
});

afterAll(async () => {
  await t?.close();
  await mailbox?.close();
});

describe("the mailbox is polled by one process of the cluster (issue 15)", () => {
  it("the holder polls, the other stands by without a session; a drain or a silent holder hands it over", async () => {
    const leaseA = createJobLease(t.ctx, "imap-poll", LEASE_MS);
    const leaseB = createJobLease(t.ctx, "imap-poll", LEASE_MS);
    const a = createImapPoller(t.ctx, t.intake, { pollIntervalMs: 600_000, lease: leaseA });
    const b = createImapPoller(t.ctx, t.intake, { pollIntervalMs: 600_000, lease: leaseB });
    try {
      await citizen.append(MAILBOX, mail(1));
      expect(await a.pollOnce()).toEqual({ fetched: 1, taken: 1 });
      // B ticks too, and again after new mail: it neither fetches nor opens a session.
      await citizen.append(MAILBOX, mail(2));
      expect(await b.pollOnce()).toEqual({ fetched: 0, taken: 0, elsewhere: true });
      expect(await leaseRow()).toEqual({ holder: leaseA.holder, runs: 1 });
      expect(await a.pollOnce()).toEqual({ fetched: 1, taken: 1 });
      // A's renewals keep it; B is still refused a minute later.
      t.clock.advance(60_000);
      expect(await a.pollOnce()).toEqual({ fetched: 0, taken: 0 });
      expect((await b.pollOnce()).elsewhere).toBe(true);

      // A drains (SIGTERM): it gives the mailbox up, and B's next tick takes it at once.
      await a.stop();
      await citizen.append(MAILBOX, mail(3));
      expect(await b.pollOnce()).toEqual({ fetched: 1, taken: 1 });
      expect(await leaseRow()).toEqual({ holder: leaseB.holder, runs: 2 });

      // B dies without a word (no release): a third process waits out the lease, then takes over.
      const leaseC = createJobLease(t.ctx, "imap-poll", LEASE_MS);
      const c = createImapPoller(t.ctx, t.intake, { pollIntervalMs: 600_000, lease: leaseC });
      await citizen.append(MAILBOX, mail(4));
      expect((await c.pollOnce()).elsewhere).toBe(true);
      t.clock.advance(LEASE_MS + 1_000);
      expect(await c.pollOnce()).toEqual({ fetched: 1, taken: 1 });
      expect(await leaseRow()).toEqual({ holder: leaseC.holder, runs: 3 });
      // The one it replaced finds the mailbox taken and lets its session go.
      expect((await b.pollOnce()).elsewhere).toBe(true);
      await c.stop();

      // Four mails, four requests: none taken twice.
      const stored = await execRaw<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from requests`);
      expect(stored[0]?.n).toBe(4);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);
});
