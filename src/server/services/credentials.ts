import { createHash, randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { invalidField } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { UserRow } from "../db/repositories/user.repository.js";
import { passwordProblem, passwordProblemMessages } from "../domain/password-policy.js";

/* Staff credentials: password hashes, the password policy's refusal, the actor a user acts as, tokens. */

// argon2id (the library's default algorithm) with OWASP's minimum memory and time costs.
const argonOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

/** Refuses a new password that breaks the policy (domain/password-policy.ts): 400 WEAK_PASSWORD. */
export function checkNewPassword(password: string, username: string, field = "password"): void {
  const problem = passwordProblem(password, username);
  if (problem) {
    throw invalidField(field, passwordProblemMessages[problem], {
      error: "WEAK_PASSWORD",
      code: `password_${problem}`,
      summary: null,
    });
  }
}

export function actorFromUser(
  u: Pick<UserRow, "id" | "username" | "full_name" | "role" | "agency_id">,
): Actor {
  return { userId: u.id, username: u.username, fullName: u.full_name, role: u.role, agencyId: u.agency_id };
}

/** Session, challenge and device tokens are stored only as their SHA-256. */
export const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");
export const newToken = (bytes = 32) => randomBytes(bytes).toString("base64url");
