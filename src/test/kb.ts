import { expect } from "vitest";
import type { z } from "zod";
import { type KbEntry, kbEntry, type kbEntryInput } from "../shared/schemas/kb.js";
import { json } from "./http.js";
import type { StaffSession } from "./staff.js";

/** What a test writes for a Q&A entry: the route's body, its defaults left out. */
export type KbDraft = z.input<typeof kbEntryInput>;

/**
 * A Q&A entry `author` created over HTTP and proposed for review (Art. 14.4): the proposed entry.
 * Each step must answer as the console expects (201, then 200 with status "proposed").
 */
export async function proposedEntry(author: StaffSession, body: KbDraft): Promise<KbEntry> {
  const created = json(
    await author.inject({ method: "POST", url: "/api/v1/kb/entries", payload: body }),
    kbEntry,
    201,
  );
  const proposed = json(
    await author.inject({ method: "POST", url: `/api/v1/kb/entries/${created.id}/propose` }),
    kbEntry,
  );
  expect(proposed.status, "the proposed entry's status").toBe("proposed");
  return proposed;
}

/**
 * …and `publisher` (an administrator; `author` unless told) published it with no note (Art. 15.3):
 * the published entry, its publication checked (200, status "published").
 */
export async function publishedEntry(
  author: StaffSession,
  body: KbDraft,
  publisher: StaffSession = author,
): Promise<KbEntry> {
  const { id } = await proposedEntry(author, body);
  const published = json(
    await publisher.inject({ method: "POST", url: `/api/v1/kb/entries/${id}/publish`, payload: {} }),
    kbEntry,
  );
  expect(published.status, "the published entry's status").toBe("published");
  return published;
}
