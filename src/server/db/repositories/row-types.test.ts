import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/hooks.js";
import { requestDriver } from "../../../test/requests.js";
import { signIn } from "../../../test/staff.js";
import { execRawOne } from "../client.js";
import { agencyTable } from "./agency.repository.js";
import { getAttachment, insertAttachment, listAttachments } from "./attachment.repository.js";
import { findCalendarRules, listOfficialYears } from "./calendar.repository.js";
import { listRequestEvents } from "./event.repository.js";
import { findMailCursor, saveMailCursor } from "./mail.repository.js";
import { boardByAgency } from "./obligation.repository.js";
import { listOutboxForRequest } from "./outbox.repository.js";
import { findRequest, listRequests } from "./request.repository.js";
import { findActiveSession } from "./session.repository.js";
import { listOpenSlips } from "./slip.repository.js";

/**
 * Rows leave the repositories parsed (db/client.ts `select`): timestamps are Date, jsonb is an
 * object or array, counts and bigints are numbers — on whichever driver runs the suite (PGlite, or
 * PostgreSQL when TEST_DATABASE_URL is set).
 */
describe(`row types at the repository boundary (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  const t = useTestApp({ seed: "staff" });
  let requestId: string;
  let sessionCookie: string;

  beforeAll(async () => {
    const drive = requestDriver(t);
    const operator = await signIn(t.app, "operator");
    sessionCookie = operator.cookie;
    const r = await drive.create(operator, { content: "x", field: undefined });
    await drive.actOk(operator, r, "forward", {
      agencyId: await drive.agencyId("SYT"),
      transferAttempt: "failed",
    });
    requestId = r.id;
  });

  it("a request row: timestamps are Date, completeness is an array, version a number", async () => {
    const row = await findRequest(t.ctx.db, requestId);
    expect(row).toBeDefined();
    if (!row) return;
    expect(row.received_at).toBeInstanceOf(Date);
    expect(row.slip_due_at).toBeInstanceOf(Date);
    expect(row.published_at).toBeNull();
    expect(Array.isArray(row.completeness)).toBe(true);
    expect(row.completeness).toContain("content_too_short");
    expect(typeof row.version).toBe("number");
    expect(typeof row.publish_consent).toBe("boolean");
    const { rows, total } = await listRequests(t.ctx.db, { open: true }, { limit: 10, offset: 0 });
    expect(typeof total).toBe("number");
    expect(rows[0]?.received_at).toBeInstanceOf(Date);
  });

  it("an event row: jsonb data is an object, id a number, at a Date", async () => {
    const events = await listRequestEvents(t.ctx.db, requestId);
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const e of events) {
      expect(e.at).toBeInstanceOf(Date);
      expect(typeof e.id).toBe("number");
      expect(typeof e.data).toBe("object");
      expect(Array.isArray(e.data)).toBe(false);
    }
    const forward = events.find((e) => e.kind === "forwarded" || e.to_status === "forwarded");
    expect(forward?.data).toBeTypeOf("object");
  });

  it("a slip row and the board: Date deadlines, numeric counts", async () => {
    const [slip] = await listOpenSlips(t.ctx.db, requestId);
    expect(slip?.sent_at).toBeInstanceOf(Date);
    expect(slip?.due_at).toBeInstanceOf(Date);
    expect(slip?.appointment_at).toBeNull();
    const now = t.clock.now();
    const board = await boardByAgency(t.ctx.db, now, new Date(now.getTime() + 3600_000));
    expect(board[0]?.open).toBe(1);
    expect(typeof board[0]?.late).toBe("number");
  });

  it("outbox, agency, calendar and session rows: Date, text[], jsonb documents, nested user", async () => {
    const outbox = await listOutboxForRequest(t.ctx.db, requestId);
    for (const o of outbox) {
      expect(o.created_at).toBeInstanceOf(Date);
      expect(typeof o.id).toBe("number");
    }
    const agency = await agencyTable.findByCode(t.ctx.db, "SYT");
    expect(agency?.created_at).toBeInstanceOf(Date);
    expect(Array.isArray(agency?.hotline_numbers)).toBe(true);

    // The calendar is seeded on first use; ask for a deadline to make sure it is.
    await t.app.inject({
      method: "GET",
      url: "/api/v1/calendar/deadline?from=2026-03-02T09:00:00%2B07:00&hours=8",
    });
    const rules = await findCalendarRules(t.ctx.db);
    expect(rules?.updated_at).toBeInstanceOf(Date);
    expect(typeof rules?.rules).toBe("object");
    const years = await listOfficialYears(t.ctx.db);
    expect(years.length).toBeGreaterThan(0);
    expect(typeof years[0]?.year).toBe("number");

    // The session row stores the SHA-256 of the cookie's token; its user comes as to_jsonb(u).
    const token = decodeURIComponent(sessionCookie.slice(sessionCookie.indexOf("=") + 1));
    const session = await findActiveSession(
      t.ctx.db,
      createHash("sha256").update(token).digest("hex"),
      t.clock.now(),
    );
    expect(session?.expires_at).toBeInstanceOf(Date);
    expect(session?.created_at).toBeInstanceOf(Date);
    expect(session?.last_seen_at).toBeInstanceOf(Date);
    expect(session?.user.created_at).toBeInstanceOf(Date);
    expect(session?.user.last_login_at).toBeInstanceOf(Date);
  });

  it("a stored file: every byte value in and out of bytea unchanged, its sha256 and size stored", async () => {
    const content = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));
    const file = { filename: "tệp ảnh.png", mimeType: "image/png", content };
    const id = await insertAttachment(t.ctx.db, requestId, file);
    expect(await getAttachment(t.ctx.db, requestId, id)).toEqual(file);
    const [meta] = (await listAttachments(t.ctx.db, requestId)).filter((a) => a.id === id);
    expect(meta?.size_bytes).toBe(512);
    const stored = await execRawOne<{ sha256: string; same: boolean }>(
      t.ctx.db,
      sql`select sha256, content = decode(${content.toString("hex")}, 'hex') as same from attachments where id = ${id}`,
    );
    expect(stored).toEqual({ sha256: createHash("sha256").update(content).digest("hex"), same: true });
  });

  it("a mail cursor: bigint uid as number, timestamp as Date", async () => {
    await saveMailCursor(t.ctx.db, {
      account: "hotline@example.vn",
      mailbox: "INBOX",
      uidValidity: "1700000000",
      lastUid: 4_000_000_123,
      lastSeenAt: new Date("2026-03-02T02:00:00Z"),
    });
    const cursor = await findMailCursor(t.ctx.db, "hotline@example.vn", "INBOX");
    expect(cursor?.last_uid).toBe(4_000_000_123);
    expect(cursor?.last_seen_at).toEqual(new Date("2026-03-02T02:00:00Z"));
  });
});
