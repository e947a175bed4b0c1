import type { Strings } from "../strings.js";
import type { agency as vi } from "../vi/agency.js";

/** English for vi/agency.ts (same keys, checked by the type). */
export const agency: Strings<typeof vi> = {
  inbox: {
    title: "Agency transfer slips",
    all: "All",
    dueSoon: "Due soon",
    late: "Late",
    empty: "No open transfer slips",
    select: "Choose a slip to handle",
  },
};
