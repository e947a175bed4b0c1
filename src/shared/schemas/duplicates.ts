import { z } from "zod";
import { isoInstant } from "./common.js";
import { channelSchema, statusSchema } from "./requests.js";

/**
 * Issue 19: open requests that ask the same thing as a text being typed (operator desk) or as a
 * request (its page, the coordinator's board). `content` is what was typed so far; `fieldCode`
 * narrows to one field (left out: every field).
 */
export const duplicateQuery = z.object({
  content: z.string().trim().min(1).max(20_000),
  fieldCode: z.string().trim().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export const duplicateSuggestion = z.object({
  id: z.string(),
  code: z.string(),
  status: statusSchema,
  channel: channelSchema,
  field: z.string().nullable(),
  receivedAt: isoInstant,
  contentPreview: z.string(),
  /** Similarity share in [0, 1] (the text's score against itself is 1). */
  score: z.number(),
  /** How many requests already joined it. */
  joinedCount: z.number().int(),
});
export type DuplicateSuggestion = z.infer<typeof duplicateSuggestion>;

export const duplicateResponse = z.object({
  items: z.array(duplicateSuggestion),
  /** The look-back window, in days (DUPLICATE_WINDOW_DAYS). */
  windowDays: z.number().int(),
  threshold: z.number(),
});
export type DuplicateResponse = z.infer<typeof duplicateResponse>;
