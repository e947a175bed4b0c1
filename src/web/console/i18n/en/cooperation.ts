import type { Strings } from "../strings.js";
import type { cooperation as vi } from "../vi/cooperation.js";

/** Several agencies on one request, and routing suggestions (issue 19). */
export const cooperation: Strings<typeof vi> = {
  cooperation: {
    cooperatingAgencies: "Cooperating agencies",
    cooperatingHint:
      "Each cooperating agency gets its own slip and its own answer deadline (8 working hours).",
    agencyIds: "Ask agencies to cooperate",
    agencyIdsRequired: "Please choose at least one agency to cooperate",
    contribution: "Contribution to the lead agency",
    role: { lead: "Lead", cooperating: "Cooperating" },
    contributions: "Contributions of cooperating agencies",
    onTime: "On time",
    late: "Late",
    waiting: "No contribution yet: {{agencies}}",
    heldUp: "Slips late or due soon",
    request: "Request",
    suggestions: "Suggested agencies",
    suggestionsEmpty: "Not enough history to suggest.",
    choose: "Choose",
    places: "Places named in the request: {{places}}",
  },
};
