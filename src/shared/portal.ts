/** Limits of portal uploads (R-CH2), shared by the server check and the form's hints. */
export const ATTACHMENT_LIMITS = {
  maxFiles: 5,
  maxFileBytes: 5 * 1024 * 1024,
  /** Verified by magic bytes on the server, not by the declared type. */
  mimeTypes: ["image/jpeg", "image/png", "image/webp", "application/pdf"],
  accept: ".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf",
} as const;
