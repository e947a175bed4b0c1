import type { Db } from "../client.js";
import { agencyTable } from "../repositories/agency.repository.js";
import { appendEvent } from "../repositories/event.repository.js";
import { fieldTable } from "../repositories/field.repository.js";
import { refusalReasonTable } from "../repositories/refusal-reason.repository.js";
import { loadSeedAgencies, seedFields, seedRefusalReasons } from "./reference-data.js";

export interface ReferenceSeedResult {
  agencies: number;
  fields: number;
  refusalReasons: number;
}

/**
 * Seeds the agencies, the nine fields of Art. 5 (R-IN2) and the refusal reasons (R-IN4) — each
 * table only while it is empty, so it runs on every start and never undoes an administrator's
 * edits or deletions. Hotline numbers are not seeded: the real ones are registered by an admin.
 */
export async function seedReference(db: Db): Promise<ReferenceSeedResult> {
  const agencies = await loadSeedAgencies();
  return db.transaction(async (tx) => {
    const result: ReferenceSeedResult = { agencies: 0, fields: 0, refusalReasons: 0 };
    if ((await agencyTable.count(tx)) === 0) {
      result.agencies = await agencyTable.insertMany(
        tx,
        agencies.map((a) => ({
          code: a.code,
          name: a.name,
          kind: a.kind,
          hotlineNumbers: [],
          email: null,
          isCoordinator: a.isCoordinator ?? false,
          active: true,
        })),
      );
    }
    if ((await fieldTable.count(tx)) === 0) {
      result.fields = await fieldTable.insertMany(
        tx,
        seedFields.map((f, i) => ({ ...f, sortOrder: (i + 1) * 10, active: true })),
      );
    }
    if ((await refusalReasonTable.count(tx)) === 0) {
      result.refusalReasons = await refusalReasonTable.insertMany(
        tx,
        seedRefusalReasons.map((r) => ({ ...r, active: true })),
      );
    }
    if (result.agencies + result.fields + result.refusalReasons > 0) {
      await appendEvent(tx, {
        entity: "system",
        entityId: "seed",
        kind: "reference_seeded",
        data: { ...result },
      });
    }
    return result;
  });
}
