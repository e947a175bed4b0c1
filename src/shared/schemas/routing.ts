import { z } from "zod";

/**
 * GET /api/v1/requests/:id/routing-suggestions (issue 19): the agencies the forward dialog proposes
 * first, from the request's field, the places it names and earlier forwarding.
 */
export const routingSuggestionsResponse = z.object({
  /** The commune-level units named in the request (2025 names; `formerName` when an older one matched). */
  places: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      formerName: z.string().nullable(),
      weight: z.number(),
    }),
  ),
  /** Most likely first; `score` in [0, 1]. */
  suggestions: z.array(
    z.object({
      agencyId: z.string(),
      agencyCode: z.string(),
      agencyName: z.string(),
      score: z.number(),
      reasons: z.array(z.string()),
    }),
  ),
  /** How many earlier forwards the suggestion learnt from. */
  historySize: z.number().int(),
});
export type RoutingSuggestions = z.infer<typeof routingSuggestionsResponse>;
