import type { z } from "zod";
import type { publicAnswersQuery } from "../../../shared/schemas/requests.js";
import type { RouteOptions } from "../route-options.js";
import type { KbHit, PublicRequestView, PublishedAnswer } from "./pages/types.js";

export type AnswersQuery = Partial<z.infer<typeof publicAnswersQuery>> & { page: number; pageSize: number };

/** What the portal pages read, mapped onto the lifecycle, publication and Q&A services. */
export interface PortalReads {
  answers(q: AnswersQuery): Promise<{ items: PublishedAnswer[]; total: number; pageSize: number }>;
  answer(code: string): Promise<PublishedAnswer | null>;
  lookup(code: string, phone: string): Promise<PublicRequestView | null>;
  kb(q: string, field?: string): Promise<KbHit[]>;
}

export function createPortalReads(_options: RouteOptions): PortalReads {
  return {
    answers: async (q) => ({ items: [], total: 0, pageSize: q.pageSize }),
    answer: async () => null,
    lookup: async () => null,
    kb: async () => [],
  };
}
