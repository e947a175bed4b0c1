import type { Strings } from "../strings.js";
import type { worklist as vi } from "../vi/worklist.js";

/** English for vi/worklist.ts (same keys, checked by the type). */
export const worklist: Strings<typeof vi> = {
  worklist: {
    intake: "To handle",
    publish: "To publish",
    following: "Following",
    queueLabel: "Worklist",
    emptyIntake: "No request is waiting. Take a new call with Alt+N.",
    emptyPublish:
      "No answer from the Q&A base waits for publication. The hotline's answers show here until published.",
    emptyFollowing: "No request is with an agency or waiting for the coordinator.",
    emptyInboxAll: "Your agency has no open slip. New slips sent to it will show here.",
    emptyInboxDueSoon: "No slip is due soon. See «All» for the others.",
    emptyInboxLate: "No slip is late.",
    emptyBoard: "Nothing in this list.",
    notFound: "Not found",
    notFoundHint:
      "The id does not exist, was erased, or you may not see it. Check the link or go back to the list.",
    back: "Back to the list",
    search: "Search",
    searchHint: "With or without diacritics",
    noMatch: "Nothing matches «{{q}}».",
    notes: "Forwarding notes",
    noteKinds: {
      forward: "Hotline forwarded",
      escalate: "Hotline to coordinator",
      assign_agency: "Coordinator assigned",
      request_cooperation: "Asked to cooperate",
    },
    channelState: { on: "On", off: "Off", notConfigured: "Not configured" },
    channelMissing: "Not configured — missing: {{keys}}",
    transferPortal: "This request did not come by phone: there is no call to transfer.",
    pastDate: "Choose a time after now (Vietnam time)",
    auditKinds: {
      user: {
        created: "User created",
        updated: "User changed",
        password_reset: "Password reset",
        password_changed: "Password changed",
        totp_enabled: "Two-step sign-in on",
        totp_disabled: "Two-step sign-in off",
        totp_reset: "Two-step sign-in reset",
        recovery_code_used: "Recovery code used",
      },
      agency: {
        created: "Agency created",
        updated: "Agency changed",
      },
      field: {
        created: "Field created",
        updated: "Field changed",
      },
      refusal_reason: {
        created: "Refusal reason created",
        updated: "Refusal reason changed",
      },
      time_limit: {
        updated: "Time limit changed",
      },
      channel: {
        settings_updated: "Channel settings changed",
      },
      kb_entry: {
        created: "Q&A entry added",
        imported: "Q&A entry imported",
        expired: "Q&A entry expired",
      },
      obligation: {
        waived: "Obligation waived",
      },
      api_key: {
        issued: "API key issued",
        revoked: "API key revoked",
      },
      webhook_subscription: {
        created: "Webhook subscription created",
        updated: "Webhook subscription changed",
        redelivered: "Webhook sent again",
      },
      created: "Request taken",
      demo_seeded: "Demo data loaded",
      reference_seeded: "Reference lists loaded",
      retention_run: "Expired data removed",
      personal_data_erased: "Personal data erased",
    },
    auditKeys: {
      agencyId: "Agency",
      agencyName: "Agency",
      slipId: "Slip",
      note: "Note",
      reason: "Reason",
      transferAttempt: "Call transfer",
      dueAt: "Due",
      appointmentAt: "Appointment",
      onTime: "On time",
      role: "Role",
      fullName: "Full name",
      username: "Username",
      active: "Active",
      name: "Name",
      code: "Code",
      userId: "User",
      kbEntryId: "Q&A entry",
      message: "Message",
      summary: "Summary",
    },
    yes: "yes",
    no: "no",
  },
};
