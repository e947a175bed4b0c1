import type { Strings } from "../strings.js";
import type { desk as vi } from "../vi/desk.js";

/** English for vi/desk.ts (same keys, checked by the type). */
export const desk: Strings<typeof vi> = {
  desk: {
    title: "Take a request",
    newRequest: "New request",
    channel: "Channel",
    phone: "Phone number",
    fullName: "Full name",
    address: "Contact address",
    email: "Email",
    kind: "Requester",
    person: "Person",
    organisation: "Organisation",
    content: "Request content",
    field: "Field",
    urgent: "Urgent",
    publishConsent: "May publish the question (never personal data)",
    save: "Save request",
    saved: "Request {{code}} saved",
    hints: "Ask the requester for (Art. 7)",
    complete: "Information complete",
    history: "Earlier requests from this number",
    noHistory: "No earlier requests from this number",
    knownRequester: "Known requester: {{name}}",
    suggestions: "Q&A suggestions",
    suggestionsHint: "Type the content to see suggestions",
    noSuggestions: "No matching answer",
    useAnswer: "Use this answer",
    queue: "Open queue",
    current: "Current request",
    shortcuts: "Shortcuts",
    shortcutList:
      "Alt+N: new · Ctrl+Enter: save · Alt+T: answer · Alt+C: forward · Alt+S: to coordinator · Alt+R: refuse",
  },
  completeness: {
    missing_name: "Full name missing",
    missing_address: "Contact address missing",
    missing_phone: "Phone number missing",
    invalid_phone: "Phone number invalid",
    not_vietnamese: "Content may not be in Vietnamese",
    content_too_short: "Content too short to be clear",
    missing_field: "No field chosen",
  },
};
