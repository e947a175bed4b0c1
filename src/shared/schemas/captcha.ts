import { z } from "zod";

/** An ALTCHA (v1) proof-of-work challenge: find n ≤ maxnumber with SHA-256(salt + n) = challenge. */
export const captchaChallenge = z.object({
  algorithm: z.enum(["SHA-1", "SHA-256", "SHA-512"]),
  challenge: z.string(),
  maxnumber: z.number().int().optional(),
  salt: z.string(),
  signature: z.string(),
});
export type CaptchaChallenge = z.infer<typeof captchaChallenge>;
