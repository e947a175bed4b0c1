import { z } from "zod";
import { passwordInput, userView } from "./admin.js";
import { actionSchema } from "./common.js";

export const loginBody = z.object({
  username: z.string().trim().min(1, "Vui lòng nhập tên đăng nhập").max(100),
  password: z.string().min(1, "Vui lòng nhập mật khẩu").max(200),
});

export const meResponse = z.object({
  user: userView.pick({ id: true, username: true, fullName: true, role: true, agencyId: true }),
  csrfToken: z.string(),
  /** What the caller may do, from the server's permission table (the console never copies rules). */
  abilities: z.array(actionSchema),
});
export type MeResponse = z.infer<typeof meResponse>;

/**
 * The password step's answer when a second factor comes next (users with TOTP, or — in production —
 * administrators and coordinators who must set it up). Users without TOTP get meResponse as before.
 */
export const secondFactorResponse = z.object({
  secondFactor: z.object({
    next: z.enum(["totp", "enrol"]),
    /** Opaque, single-use, valid for 5 minutes: send it back with the code. */
    challenge: z.string(),
    expiresAt: z.string(),
  }),
});
export type SecondFactorResponse = z.infer<typeof secondFactorResponse>;
export const loginResponse = z.union([meResponse, secondFactorResponse]);
export type LoginResponse = z.infer<typeof loginResponse>;

const challengeInput = z.string().min(1).max(200);
/** A 6-digit TOTP code or a recovery code (xxxx-xxxx-xxxx). */
const codeInput = z.string().trim().min(1, "Vui lòng nhập mã xác thực").max(40);

export const loginCodeBody = z.object({ challenge: challengeInput, code: codeInput });
export const loginEnrolBody = z.object({ challenge: challengeInput });

export const totpEnrolment = z.object({
  /** Base32, for typing into the app by hand. */
  secret: z.string(),
  otpauthUri: z.string(),
  /** The otpauth URI as a PNG data URL, to scan. */
  qrDataUrl: z.string(),
});

/** Shown once: ten single-use codes for when the phone is lost. */
export const recoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });
export const meWithRecoveryCodes = meResponse.extend({ recoveryCodes: z.array(z.string()) });

export const totpCodeBody = z.object({ code: codeInput });
export const totpDisableBody = z.object({ password: z.string().min(1).max(1000), code: codeInput });

export const secondFactorStatus = z.object({
  enabled: z.boolean(),
  /** The role must use TOTP (administrators and coordinators, in production). */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, "Vui lòng nhập mật khẩu hiện tại").max(1000),
  newPassword: passwordInput,
});

/**
 * The sign-in page's first-run notice (issue 18.7): only whether an active administrator exists —
 * no names, no counts — so the page can say how to create the first one.
 */
export const firstRunStatus = z.object({ needsFirstAdministrator: z.boolean() });
export type FirstRunStatus = z.infer<typeof firstRunStatus>;
