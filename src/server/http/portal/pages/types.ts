/** What the portal pages show, in the shapes the public API already defines (STYLE 2). */
export type { PublicRequestView, PublishedAnswer } from "../../../../shared/schemas/requests.js";

export interface Option {
  code: string;
  name: string;
}

/** A public Q&A base entry (R-HA1) as the portal shows it. */
export interface KbHit {
  id: string;
  question: string;
  answer: string;
  fieldName: string | null;
}
