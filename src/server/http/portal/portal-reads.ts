import type { z } from "zod";
import { AppError } from "../../../shared/errors.js";
import type { publicAnswersQuery } from "../../../shared/schemas/requests.js";
import type { FollowKey } from "../../services/public-request.service.js";
import type { RouteOptions } from "../route-options.js";
import type { KbHit, PublicRequestView, PublishedAnswer } from "./pages/types.js";

export type AnswersQuery = z.infer<typeof publicAnswersQuery>;

/** What the portal pages read, mapped onto the public request and Q&A services. */
export interface PortalReads {
  answers(q: AnswersQuery): Promise<{ items: PublishedAnswer[]; total: number; pageSize: number }>;
  /** A public answer by its public id (never the follow code). */
  answer(publicId: string): Promise<PublishedAnswer | null>;
  lookup(code: string, key: FollowKey): Promise<PublicRequestView | null>;
  lookupBySecret(secret: string): Promise<PublicRequestView | null>;
  kb(q: string, field?: string): Promise<KbHit[]>;
}

/** A page shows "not found" in its own words, so NOT_FOUND from a service becomes null here. */
async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

export function createPortalReads({ services }: RouteOptions): PortalReads {
  return {
    answers: (q) => services.publicRequests.listAnswers(q),
    answer: (publicId) => orNull(services.publicRequests.getAnswer(publicId)),
    lookup: (code, key) => orNull(services.publicRequests.lookup(code, key)),
    lookupBySecret: (secret) => orNull(services.publicRequests.lookupBySecret(secret)),
    kb: async (q, field) => {
      const [hits, fields] = await Promise.all([
        services.kb.searchPublic({ q, field, limit: 5 }),
        services.portal.fields(),
      ]);
      const names = new Map(fields.map((f) => [f.code, f.name]));
      return hits.map((h) => ({
        id: h.id,
        question: h.question,
        snippet: snippetParts(h.snippet),
        fieldName: h.field ? (names.get(h.field) ?? null) : null,
      }));
    },
  };
}

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};

/** The text of escaped markup: tags dropped, the five entities `escapeHtml` writes read back. */
export const textOfMarkup = (markup: string): string =>
  markup.replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

/**
 * The search service returns an escaped excerpt with <mark> around matches. The portal does not
 * trust markup from elsewhere: it keeps only the text and where the marks were, and escapes again.
 */
export function snippetParts(snippet: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let marked = false;
  for (const token of snippet.split(/(<\/?mark>)/)) {
    if (token === "<mark>") marked = true;
    else if (token === "</mark>") marked = false;
    else if (token) {
      parts.push({ text: textOfMarkup(token), marked });
    }
  }
  return parts;
}
