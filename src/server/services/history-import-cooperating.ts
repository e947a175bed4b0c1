import { isoInstant } from "../../shared/schemas/common.js";
import type { Executor } from "../db/client.js";
import { insertContribution } from "../db/repositories/cooperation.repository.js";
import { insertSlip, updateSlip } from "../db/repositories/slip.repository.js";
import { type ObligationEnv, onContribution, openAnswerObligation } from "./obligation-lifecycle.js";

/**
 * The optional `cooperating` column of `import-history` (issue 19): the agencies that cooperated on
 * a historical request, each with its own slip. Entries are separated by `;`, each
 * `AGENCY|sent_at|contributed_at`:
 *   SNV|2025-05-02T08:00:00+07:00|2025-05-03T10:00:00+07:00;STC||
 * `sent_at` empty = sent with the lead's slip (forwarded_at); `contributed_at` empty = no
 * contribution on record (the slip stays open and its answer obligation runs, as it would live).
 */
export const COOPERATING_COLUMN = "cooperating";

/** An instant as the other columns take it: ISO 8601 with an offset. */
const instantOf = (text: string): Date | null => (isoInstant.safeParse(text).success ? new Date(text) : null);

export interface CooperatingEntry {
  agency: string;
  agencyId: string;
  sentAt: Date;
  contributedAt: Date | null;
}

/**
 * Reads a row's `cooperating` cell. Returns the entries, or the reasons the cell is wrong (each
 * naming the entry by its position): unknown or repeated agency, the lead itself, no lead slip,
 * times out of order (sent before the lead's slip, contributed before being sent) or in the future.
 */
export function parseCooperating(
  cell: string | undefined,
  row: { agency: string | null; forwardedAt: Date | null },
  /** By lower-cased code. */
  agencies: ReadonlyMap<string, { id: string }>,
  now: Date,
): { entries: CooperatingEntry[]; errors: string[] } {
  const text = cell?.trim() ?? "";
  if (text === "") return { entries: [], errors: [] };
  const { agency: lead, forwardedAt } = row;
  if (!lead || !forwardedAt)
    return {
      entries: [],
      errors: ["cooperating: chỉ yêu cầu đã chuyển phiếu cho cơ quan chủ trì mới có cơ quan phối hợp"],
    };
  const entries: CooperatingEntry[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  text.split(";").forEach((raw, i) => {
    const where = `cooperating[${i + 1}]`;
    const parts = raw.split("|").map((p) => p.trim());
    const [code = "", sent = "", contributed = ""] = parts;
    if (parts.length > 3 || code === "") {
      errors.push(`${where}: cần dạng MÃ_CƠ_QUAN|sent_at|contributed_at`);
      return;
    }
    const agency = agencies.get(code.toLowerCase());
    const sentAt = sent === "" ? forwardedAt : instantOf(sent);
    const contributedAt = contributed === "" ? null : instantOf(contributed);
    const why: string[] = [];
    if (!agency) why.push(`không có cơ quan mã ${code}`);
    else if (code.toLowerCase() === lead.toLowerCase())
      why.push("cơ quan chủ trì không đồng thời là cơ quan phối hợp");
    else if (seen.has(code.toLowerCase())) why.push(`cơ quan ${code} đã có trong danh sách`);
    if (!sentAt) why.push("sent_at không phải thời điểm ISO 8601 có múi giờ");
    if (contributed !== "" && !contributedAt)
      why.push("contributed_at không phải thời điểm ISO 8601 có múi giờ");
    if (sentAt && sentAt.getTime() < forwardedAt.getTime()) why.push("sent_at không được trước forwarded_at");
    if (sentAt && contributedAt && contributedAt.getTime() < sentAt.getTime())
      why.push("contributed_at không được trước sent_at");
    for (const at of [sentAt, contributedAt])
      if (at && at.getTime() > now.getTime()) why.push("thời điểm ở tương lai");
    seen.add(code.toLowerCase());
    if (why.length > 0) errors.push(`${where}: ${why.join(", ")}`);
    else if (agency && sentAt) entries.push({ agency: code, agencyId: agency.id, sentAt, contributedAt });
  });
  return { entries, errors };
}

/**
 * The cooperating slips of an imported request, through the same lifecycle as live ones: each its
 * own answer obligation from its sending (Art. 10.3), met by its contribution — on time or late.
 */
export async function importCooperatingSlips(
  env: ObligationEnv & { tx: Executor },
  requestId: string,
  entries: readonly CooperatingEntry[],
): Promise<void> {
  for (const e of entries) {
    const slipId = await insertSlip(env.tx, {
      requestId,
      agencyId: e.agencyId,
      sentBy: null,
      sentAt: e.sentAt,
      transferAttempt: "not_attempted",
      dueAt: env.calendar.addWorkingHours(e.sentAt, env.limits.answer),
      role: "cooperating",
    });
    await openAnswerObligation(env, { requestId, slipId, agencyId: e.agencyId }, e.sentAt);
    if (e.contributedAt) {
      await insertContribution(env.tx, {
        requestId,
        slipId,
        agencyId: e.agencyId,
        authorId: null,
        body: "Ý kiến phối hợp được ghi nhận trên hệ thống trước đây.",
        at: e.contributedAt,
      });
      await updateSlip(env.tx, slipId, { status: "contributed", closedAt: e.contributedAt });
      await onContribution(env, slipId, e.contributedAt);
    }
  }
}
