import { z } from "zod";
import { isoInstant, listOf } from "./common.js";

/**
 * Issue 19: a mass event (a storm, a new rule, a vaccination drive) declared by the coordinator:
 * matching new requests of its fields are linked to it and answered with the prepared text, an
 * operator confirming; the portal shows a banner while it is on.
 */
export const emergencyNumbers = ["113", "114", "115"] as const;

/**
 * When an event ended or ends: ended early by the coordinator, else its window's end (an event past
 * its window can no longer be ended; a stored one ended after it still ended at its window's end).
 */
export const massEventEnd = (e: { endsAt: string; cancelledAt: string | null }): string =>
  e.cancelledAt !== null && Date.parse(e.cancelledAt) < Date.parse(e.endsAt) ? e.cancelledAt : e.endsAt;

const massEventFields = {
  title: z.string().trim().min(1, "Vui lòng nhập tiêu đề").max(200),
  /** Words a matching request may use besides the title (regional words, abbreviations…). */
  keywords: z.string().trim().max(2000).default(""),
  answer: z.string().trim().min(1, "Vui lòng nhập nội dung trả lời soạn sẵn").max(20_000),
  startsAt: isoInstant,
  endsAt: isoInstant,
  fields: z.array(z.string().trim().min(1).max(40)).min(1, "Chọn ít nhất một lĩnh vực").max(20),
  banner: z.boolean().default(true),
  emergencyNumbers: z.array(z.enum(emergencyNumbers)).max(3).default([]),
};

export const createMassEventBody = z.object(massEventFields);
export type CreateMassEventBody = z.infer<typeof createMassEventBody>;
export const updateMassEventBody = z.object({ ...massEventFields, version: z.number().int().positive() });
export type UpdateMassEventBody = z.infer<typeof updateMassEventBody>;
export const cancelMassEventBody = z.object({ version: z.number().int().positive() });

export const massEventView = z.object({
  id: z.string(),
  title: z.string(),
  keywords: z.string(),
  answer: z.string(),
  startsAt: isoInstant,
  endsAt: isoInstant,
  fields: z.array(z.string()),
  banner: z.boolean(),
  emergencyNumbers: z.array(z.enum(emergencyNumbers)),
  cancelledAt: isoInstant.nullable(),
  /** On now: inside its window and not cancelled. */
  active: z.boolean(),
  /** Requests linked to it, and those answered with its prepared text. */
  linked: z.number().int(),
  answered: z.number().int(),
  version: z.number().int(),
});
export type MassEventView = z.infer<typeof massEventView>;
export const massEventList = listOf(massEventView);

const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
/** At most this many events are read by their ids in one call. */
export const MASS_EVENT_IDS_MAX = 100;

/**
 * The list's filter: `ids` (comma-separated) reads just those events, however old — the audit log
 * names the events its page mentions in one call (thirty-seventh session: one GET per event).
 */
export const massEventListQuery = z.object({
  ids: z
    .string()
    .trim()
    .regex(new RegExp(`^${UUID}(,${UUID}){0,${MASS_EVENT_IDS_MAX - 1}}$`), {
      message: `Tối đa ${MASS_EVENT_IDS_MAX} mã sự kiện, cách nhau bằng dấu phẩy`,
    })
    .optional(),
});

/** The event a request is linked to (the desk offers its prepared answer), or null. */
export const requestMassEvent = z.object({
  event: massEventView.nullable(),
  score: z.number().nullable(),
});
export type RequestMassEvent = z.infer<typeof requestMassEvent>;

/** The reports' figures of the events that overlap a period. */
export const massEventFiguresQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
});
