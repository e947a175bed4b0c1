import type { Strings } from "../strings.js";
import type { board as vi } from "../vi/board.js";

/** English for vi/board.ts (same keys, checked by the type). */
export const board: Strings<typeof vi> = {
  board: {
    notResolved: "Sent back as not resolved",
    code: "Request code",
    rating: "Satisfaction",
    comment: "Requester's comment",
    at: "Time",
    title: "Coordination board",
    unclear: "Unclear jurisdiction",
    urgent: "Urgent requests",
    awaitingRequester: "Waiting for the requester",
    byAgency: "By agency",
    agency: "Agency",
    open: "Open",
    dueSoon: "Due soon",
    late: "Late",
    drill: "Requests of {{agency}}",
    empty: "No requests",
    missed: "Missed obligations by agency",
    missedCount: "Missed",
    missedByKind: "By kind",
    noMissed: "No missed obligations",
  },
};
