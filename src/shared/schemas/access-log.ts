import { z } from "zod";
import { isoInstant, pageFields, pageOf } from "./common.js";

/**
 * The access log (issue 14): every read of a request's personal data, attachment download, export
 * and contact reveal, with who, when, what and from where. Read by coordinators and administrators.
 */
export const accessActions = [
  "request_read",
  "request_list",
  "requester_lookup",
  "contact_reveal",
  "attachment_download",
  "export",
  "recording_play",
] as const;
export const accessActionSchema = z.enum(accessActions);
export type AccessAction = z.infer<typeof accessActionSchema>;

export const accessLogQuery = z.object({
  actorId: z.uuid().optional(),
  requestId: z.uuid().optional(),
  action: accessActionSchema.optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  ...pageFields(50),
});
export type AccessLogQuery = z.infer<typeof accessLogQuery>;

export const accessLogEntry = z.object({
  id: z.number().int(),
  at: isoInstant,
  actorId: z.string(),
  actorLabel: z.string(),
  actorRole: z.string(),
  action: accessActionSchema,
  requestId: z.string().nullable(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntry>;

export const accessLogPage = pageOf(accessLogEntry);

/**
 * The contact details of one request, unmasked: by an audited reveal (issue 13), and in the copy
 * of their data handed to the person (data-rights.ts `dataExport`).
 */
export const revealedContact = z.object({
  fullName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
});
export type RevealedContact = z.infer<typeof revealedContact>;
