import { z } from "zod";
import { requestSummary } from "./requests.js";

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

/** An open request as the request list shows it (a few of its fields), with how alike it is. */
export const duplicateSuggestion = requestSummary
  .pick({
    id: true,
    code: true,
    status: true,
    channel: true,
    field: true,
    receivedAt: true,
    contentPreview: true,
  })
  .extend({
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
