import { z } from "zod";
import { isoInstant } from "./common.js";

/**
 * Issue 19, satisfaction: the requester says, once the answer is published, whether it resolved
 * the question. The body is exactly this (strict: a staff field or anything else is 400); the
 * rating is a JSON integer 1–5 — "5" as a string is refused, not coerced.
 */
/**
 * Who takes up a request its requester reports unresolved, as the citizen is told (portal, public
 * history): not a bare «Sở», which a citizen answered by «Sở Y tế» reads as that agency.
 */
export const REOPENED_TO = "bộ phận điều phối của Tổng đài 1022";

export const FEEDBACK_COMMENT_MAX = 2000;
export const feedbackBody = z
  .object({
    resolved: z.boolean(),
    rating: z.number().int().min(1).max(5),
    comment: z.string().trim().min(1).max(FEEDBACK_COMMENT_MAX).optional(),
  })
  .strict();
export type FeedbackBody = z.infer<typeof feedbackBody>;

/** 201: recorded; `reopened` when "not resolved" sent the request back to the coordinator. */
export const feedbackCreated = z.object({
  code: z.string(),
  resolved: z.boolean(),
  rating: z.number().int(),
  reopened: z.boolean(),
  at: isoInstant,
});
export type FeedbackCreated = z.infer<typeof feedbackCreated>;

/** What the follow page shows of the satisfaction question (no comment echoed back). */
export const publicFeedbackState = z.object({
  /** The answer is published and nothing was given yet: the form is shown. */
  open: z.boolean(),
  given: z.object({ resolved: z.boolean(), rating: z.number().int(), at: isoInstant }).nullable(),
  /** While open: a signed token for the follow page's form (like the reply token), never the phone. */
  token: z.string().nullable(),
});
export type PublicFeedbackState = z.infer<typeof publicFeedbackState>;

/** Staff see the requester's feedback, comment included, on the request (console). */
export const staffFeedbackView = z.object({
  feedback: z
    .object({
      resolved: z.boolean(),
      rating: z.number().int(),
      comment: z.string().nullable(),
      at: isoInstant,
    })
    .nullable(),
});
export type StaffFeedbackView = z.infer<typeof staffFeedbackView>;

// ---------- Internal notes (issue 19) ----------

export const NOTE_MAX = 5000;
/** A note; @username mentions are read from the text (letters, digits, . _ -). */
export const noteBody = z.object({ body: z.string().trim().min(1).max(NOTE_MAX) }).strict();

export const noteView = z.object({
  /** The note's id; the forwarding and assignment notes (read from the events) have `event:<id>`. */
  id: z.string(),
  /** "note": written on the notes panel; the others are the slip's notes (issue 18) as stored. */
  kind: z.enum(["note", "forward", "escalate", "assign_agency", "request_cooperation"]),
  body: z.string(),
  author: z.string().nullable(),
  at: isoInstant,
  mentions: z.array(z.object({ username: z.string(), fullName: z.string() })),
});
export type NoteView = z.infer<typeof noteView>;
export const noteList = z.object({ notes: z.array(noteView) });

/** Who may be mentioned on this request: staff who may read it (the picker). */
export const mentionableList = z.object({
  users: z.array(z.object({ username: z.string(), fullName: z.string(), role: z.string() })),
});

/** Pushed live to the mentioned user's console (never any note text). */
export interface MentionSignal {
  userId: string;
  requestId: string;
  code: string;
  noteId: string;
  by: string;
}

// ---------- From a published answer to a Q&A draft (issue 19) ----------

export const kbProposalCreated = z.object({ entryId: z.string(), status: z.literal("draft") });
