/** What the portal pages show, in the shapes the public API already defines. */
export type { PublicRequestView, PublishedAnswer } from "../../../../shared/schemas/requests.js";

export interface Option {
  code: string;
  name: string;
}

/** A hit in the public Q&A base (R-HA1) as the portal shows it. */
export interface KbHit {
  id: string;
  question: string;
  /** Excerpt of the answer as plain text; `marked` are the matched stretches, in order. */
  snippet: { text: string; marked: boolean }[];
  fieldName: string | null;
}
