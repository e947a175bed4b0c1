import type { AppContext } from "../context.js";
import { createKbReview } from "./kb-review.js";
import { createKbSearch, createKbSearchService } from "./kb-search.service.js";
import { createKbWorkflow } from "./kb-workflow.service.js";

/**
 * The Q&A base (Art. 10.1, 14.4, 15.3; R-HA1, R-KB1): the workflow of its entries
 * (kb-workflow.service.ts for the agencies, kb-review.ts for the administrator, moves decided by
 * domain/kb/workflow.ts) and search for staff and the
 * public over one in-process index (kb-search.service.ts).
 */
export function createKbService(ctx: AppContext) {
  return { ...createKbWorkflow(ctx), ...createKbReview(ctx), ...createKbSearchService(createKbSearch(ctx)) };
}

export type KbService = ReturnType<typeof createKbService>;
