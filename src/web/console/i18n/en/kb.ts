import type { Strings } from "../strings.js";
import type { kb as vi } from "../vi/kb.js";

/** English for vi/kb.ts (same keys, checked by the type). */
export const kb: Strings<typeof vi> = {
  kbMine: {
    title: "Our agency's Q&A entries",
    create: "New entry",
    edit: "Edit",
    propose: "Propose",
    proposed: "Proposal sent to the administrator for review",
    saved: "Draft saved",
    changeProposed: "Change sent to the administrator for review",
    question: "Question",
    answer: "Answer",
    field: "Field",
    keywords: "Keywords (comma-separated)",
    legal: "Legal sources (document numbers, one per line)",
    status: "Status",
    updatedAt: "Updated",
    pending: "Proposal pending review",
    needsReview: "Expired, needs review",
    empty: "The agency has no Q&A entries yet",
    allStatuses: "Any status",
    allFields: "Any field",
    noMatch: "No entry matches the filter",
    editHint: "A published entry keeps its text until the administrator approves the change.",
    conflict: "Someone else has just changed this entry. Please reload and edit again.",
    statuses: {
      draft: "Draft",
      proposed: "Pending review",
      published: "Published",
      archived: "Archived",
    },
  },
};
