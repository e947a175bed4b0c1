import type { Strings } from "../strings.js";
import type { notes as vi } from "../vi/notes.js";

/** Issue 19: internal notes, the requester's satisfaction, answer → Q&A draft. */
export const notes: Strings<typeof vi> = {
  notes: {
    title: "Internal notes",
    internalOnly: "Only staff working on this request see these; never sent to the requester or published.",
    list: "Internal notes",
    empty: "No notes yet",
    new: "New note",
    mentionHelp: "Type @ to mention a colleague; they are alerted at once.",
    required: "Please write a note",
    tooLong: "At most {{max, number}} characters",
    add: "Add note",
    added: "Note added",
    open: "Open request",
    kind: {
      forward: "Forwarding note",
      escalate: "Note to the coordinator",
      assign_agency: "Assignment note",
      request_cooperation: "Cooperation request note",
    },
  },
  bell: {
    label: "Notifications ({{n}} unread)",
    title: "Notifications",
    empty: "No notifications",
    markAll: "Mark all as read",
    unreadOne: "unread",
    requester: "The requester",
    kind: {
      mention: "{{by}} mentioned you in a note on request {{code}}",
      cooperation_requested: "{{by}} asked your agency to cooperate on request {{code}}",
      reopened_not_resolved:
        "The requester says request {{code}} was not resolved; it is back with the coordinator",
      requester_unreached:
        "A message to the requester of {{code}} did not reach them; please call the requester back",
    },
  },
  feedback: {
    title: "Requester's feedback",
    resolved: "Resolved",
    yes: "Resolved",
    no: "Not resolved",
    rating: "Satisfaction",
    comment: "Comment",
    at: "Time",
    none: "The requester has not given feedback.",
  },
  kbFromAnswer: {
    propose: "Propose as a Q&A entry",
    help: "Creates a draft from the published (redacted) question and answer, then goes through the usual review.",
    created: "Q&A draft created",
  },
};
