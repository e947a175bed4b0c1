import { AppError, invalidField } from "../../shared/errors.js";
import { type Actor, can } from "../../shared/permissions.js";
import type { NoteView } from "../../shared/schemas/feedback.js";
import { formatVnIso } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import { appendEvent, listEvents } from "../db/repositories/event.repository.js";
import { findActiveUsers, insertNote, listNotes, listReaders } from "../db/repositories/note.repository.js";
import { findRequest, type RequestRow } from "../db/repositories/request.repository.js";
import { authorize } from "../policies/authorize.js";
import { actorFromUser } from "./credentials.js";
import { slipNotes } from "./request.presenter.js";
import type { RequestServiceDeps } from "./request.service.js";
import { assertCanRead } from "./request-access.js";
import { notifyStaff } from "./staff-notification.service.js";

/** @username in a note's text (the users table's own rule for usernames). */
const MENTION = /(?<![\w.@-])@([a-z0-9._-]{3,40})(?![\w-])/gi;

/** The usernames a text mentions, lower-cased, each once, in order. */
export function mentionsIn(text: string): string[] {
  const names = [...text.matchAll(MENTION)].map((m) => (m[1] ?? "").toLowerCase().replace(/\.+$/, ""));
  return [...new Set(names.filter((n) => n.length >= 3))];
}

/**
 * Internal notes on a request (issue 19): the staff who work on it write to each other. Never shown
 * to the requester, never published, never in Open311 or webhooks — they live in `request_notes`
 * and the event that records a note carries its id and mentions, not its text. The slip's
 * forwarding and assignment notes (issue 18) are read from their events, where they are stored,
 * and come first.
 */
export function createNoteService(ctx: AppContext, deps: RequestServiceDeps) {
  /** Reading the request and being one who works on it. */
  async function open(actor: Actor | null, requestId: string): Promise<{ me: Actor; row: RequestRow }> {
    const row = await findRequest(ctx.db, requestId);
    if (!row) throw new AppError("NOT_FOUND");
    const reader = assertCanRead(actor, row);
    const me = authorize(reader, "request.note", { agencyId: row.agency_id }, { hideExistence: true });
    return { me, row };
  }

  return {
    async listNotes(actor: Actor | null, requestId: string): Promise<NoteView[]> {
      const { row } = await open(actor, requestId);
      const events = await listEvents(ctx.db, "request", row.id);
      const slipIds = events
        .filter(
          (e) =>
            (e.kind === "forward" || e.kind === "assign_agency" || e.kind === "request_cooperation") &&
            typeof e.data.slipId === "string",
        )
        .map((e) => e.data.slipId as string);
      const fromSlips: NoteView[] = [...new Set(slipIds)].flatMap((slipId) =>
        slipNotes(events, slipId).map((n, i) => ({
          id: `event:${slipId}:${i}`,
          kind: n.kind,
          body: n.text,
          author: n.author,
          at: n.at,
          mentions: [],
        })),
      );
      // An escalation before two assignments is the first note of both slips: shown once.
      const seen = new Set<string>();
      const slipNotesOnce = fromSlips.filter((n) => {
        const key = `${n.kind}|${n.at}|${n.body}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      const written: NoteView[] = (await listNotes(ctx.db, row.id)).map((n) => ({
        id: n.id,
        kind: "note",
        body: n.body,
        author: n.author,
        at: formatVnIso(n.created_at),
        mentions: n.mentions,
      }));
      return [...slipNotesOnce, ...written].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    },

    /** Staff who could be mentioned: those who may read this request (the console's picker). */
    async mentionable(actor: Actor | null, requestId: string) {
      const { row } = await open(actor, requestId);
      const users = await listReaders(ctx.db, row.agency_id);
      return {
        users: users
          .filter((u) => can(actorFromUser(u), "request.note", { agencyId: row.agency_id }))
          .map((u) => ({ username: u.username, fullName: u.full_name, role: u.role })),
      };
    },

    /**
     * Adds a note. Every @username must be an active user who may read the request (400 naming the
     * one who is not: a note must not reach someone the request is hidden from). Each mentioned
     * user is told live, with the request's code only, and finds it on their bell later.
     */
    async addNote(actor: Actor | null, requestId: string, body: string): Promise<NoteView> {
      const { me, row } = await open(actor, requestId);
      const names = mentionsIn(body);
      const found = await findActiveUsers(ctx.db, names);
      const byName = new Map(found.map((u) => [u.username, u]));
      for (const name of names) {
        const u = byName.get(name);
        if (!u || !can(actorFromUser(u), "request.note", { agencyId: row.agency_id })) {
          const message = `Không thể nhắc @${name}: không có cán bộ này hoặc người này không được xem yêu cầu.`;
          throw invalidField("body", message, { code: "unknown_mention" });
        }
      }
      const mentioned = names.map((n) => byName.get(n)).filter((u) => u !== undefined);
      const at = ctx.clock.now();
      const noteId = await ctx.db.transaction(async (tx) => {
        const id = await insertNote(tx, {
          requestId: row.id,
          authorId: me.userId,
          body,
          mentions: mentioned.map((u) => u.id),
          at,
        });
        // The history says a note was added and whom it names — never its text.
        await appendEvent(tx, {
          actor: me,
          entity: "request",
          entityId: row.id,
          requestId: row.id,
          kind: "note_added",
          data: { noteId: id, mentions: mentioned.map((u) => u.username) },
          at,
        });
        // Kept for the bell too: a mentioned colleague who is not signed in now sees it later.
        await notifyStaff(
          tx,
          { kind: "mention", requestId: row.id, by: me.userId, userIds: mentioned.map((u) => u.id) },
          at,
        );
        return id;
      });
      for (const u of mentioned) {
        if (u.id === me.userId) continue;
        deps.live.publishMention({
          userId: u.id,
          requestId: row.id,
          code: row.code,
          noteId,
          by: me.fullName,
        });
      }
      return {
        id: noteId,
        kind: "note",
        body,
        author: me.fullName,
        at: formatVnIso(at),
        mentions: mentioned.map((u) => ({ username: u.username, fullName: u.full_name })),
      };
    },
  };
}
