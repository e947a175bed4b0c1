import { AppError } from "../../shared/errors.js";
import type { Executor } from "../db/client.js";
import { type FollowRow, findFollowByCode } from "../db/repositories/follow.repository.js";
import { normalizePhone } from "../domain/phone.js";
import { normalizeRequestCode } from "../domain/request-code.js";

/** What a citizen may follow a request by (R-PU2): its code with the phone or the email it was given with. */
export type FollowKey = { phone: string } | { email: string };

/**
 * Every failed look-up — unknown code, wrong phone, wrong email, wrong or revoked link — is this
 * same 404, so nothing tells which part was wrong or whether a code exists.
 */
export const followNotFound = () =>
  new AppError("NOT_FOUND", "Không tìm thấy yêu cầu. Vui lòng kiểm tra lại mã yêu cầu và thông tin tra cứu.");

const sameEmail = (a: string | null, b: string) =>
  a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The one rule of "code + phone or email" (the look-up, and the satisfaction post of issue 19):
 * the request whose code this is, when the key matches the contact it was given with; else the
 * same 404 whatever was wrong.
 */
export async function findFollowed(db: Executor, code: string, key: FollowKey): Promise<FollowRow> {
  const phone = "phone" in key ? normalizePhone(key.phone) : null;
  const usable = "email" in key ? key.email.trim() !== "" : phone !== null;
  const row = usable ? await findFollowByCode(db, normalizeRequestCode(code)) : undefined;
  const matches =
    row !== undefined &&
    ("email" in key ? sameEmail(row.contact_email, key.email) : row.contact_phone === phone);
  if (!row || !matches) throw followNotFound();
  return row;
}
