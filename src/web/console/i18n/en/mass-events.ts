import type { Strings } from "../strings.js";
import type { massEvents as vi } from "../vi/mass-events.js";

/** Issue 19: mass events (English, same keys as the Vietnamese catalogue). */
export const massEvents: Strings<typeof vi> = {
  massEvents: {
    intro:
      "When many people ask about the same thing (a storm, a new rule, a vaccination drive), declare a mass event: new requests matching its title, keywords and fields are linked to it on arrival; Zalo, Facebook and email messages get the prepared answer at once; the operator confirms it as the answer in one action.",
    declare: "Declare an event",
    edit: "Edit",
    editTitle: "Edit the mass event",
    newTitle: "Declare a mass event",
    end: "End",
    endConfirm:
      "End the event “{{title}}” now? New requests will no longer be linked; its figures stay in the reports.",
    ended: "Event ended",
    saved: "Event saved",
    list: "Mass events",
    empty: "No mass events yet",
    title: "Title",
    keywords: "Keywords",
    keywordsHelp:
      "Phrases people use, separated by commas or lines (spellings without diacritics and local words too). A request containing one of them is linked to the event.",
    answer: "Prepared answer",
    answerHelp:
      "Sent at once to people asking on Zalo, Facebook and email; the operator confirms it as the request's answer.",
    fields: "Fields",
    window: "When it runs",
    starts: "Starts",
    ends: "Ends",
    windowRequired: "Please choose when it runs",
    banner: "Show a banner on the portal",
    emergencyNumbers: "Emergency numbers shown with the banner",
    emergency: {
      "113": "113 – Police",
      "114": "114 – Fire and rescue",
      "115": "115 – Ambulance",
    },
    state: "State",
    states: { active: "Running", upcoming: "Upcoming", over: "Over" },
    linked: "Linked requests",
    answered: "Answered with the prepared text",
    actions: "Actions",
    panelTitle: "Mass event",
    panelHint: "This request matches an event running now. Check it, then confirm the prepared answer.",
    answerWith: "Answer with the prepared text",
    answeredAlready: "Answered with this event's prepared text.",
    reportTitle: "Mass events of the period",
    reportEmpty: "No mass events in the period",
  },
};
