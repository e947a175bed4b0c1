import type { Strings } from "../strings.js";
import type { answerFiles as vi } from "../vi/answer-files.js";

/** Issue 19: files of an answer (official letter, photos), public or internal. */
export const answerFiles: Strings<typeof vi> = {
  answerFiles: {
    title: "Answer attachments",
    label: "Attachments (PDF letter, JPG/PNG photos)",
    choose: "Choose files",
    hint: "Up to 5 files, 5 MB each. Files are checked by their content, like citizens' uploads.",
    visibility: "Visibility of the next upload",
    public: "Published with the answer",
    internal: "Internal (never published)",
    pending: "Waiting to be sent with the answer",
    published: "Published",
    publicLink: "Public link",
    uploadedBy: "Uploaded by {{name}}",
    download: "Download {{name}}",
    makeInternal: "Make internal",
    makePublic: "Make public",
    checkTitle: "Files published with the answer",
    checkHint:
      "Files are not redacted automatically. Open each one, check it holds no personal data (or that a redacted copy was uploaded) and tick it; or make it internal.",
    checkAll: "Confirm each public file was checked, or make it internal",
    noneToCheck: "The answer has no public files.",
  },
};
