import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { AgencyView, CreateAgencyBody, UpdateAgencyBody } from "../../shared/schemas/admin.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import {
  type AgencyFilter,
  type AgencyRow,
  type AgencyValues,
  agencyTable,
  type FocalPointRow,
  listAgencies,
  listFocalPoints,
} from "../db/repositories/agency.repository.js";
import { authorize } from "../policies/authorize.js";
import { auditedCatalogue, type ChangeSource, requireStaff, uniqueOr409 } from "./admin-support.js";

/** The values an administrator edits, as stored and as recorded in the event log. */
const valuesOf = (a: AgencyRow): AgencyValues => ({
  code: a.code,
  name: a.name,
  kind: a.kind,
  hotlineNumbers: a.hotline_numbers,
  email: a.email,
  isCoordinator: a.is_coordinator,
  active: a.active,
});

export function presentAgency(a: AgencyRow, focalPoints: FocalPointRow[]): AgencyView {
  return {
    id: a.id,
    ...valuesOf(a),
    focalPoints: focalPoints
      .filter((f) => f.agency_id === a.id)
      .map((f) => ({ id: f.id, fullName: f.full_name, phone: f.phone, email: f.email })),
  };
}

const agencyCatalogue = auditedCatalogue<AgencyRow, AgencyValues>({
  entity: "agency",
  ...agencyTable,
  valuesOf,
});

const duplicateCode = "Mã cơ quan đã tồn tại";

async function withFocalPoints(db: Executor, rows: AgencyRow[]): Promise<AgencyView[]> {
  const focal = await listFocalPoints(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentAgency(r, focal));
}

/** One row of an agency import (CLI): the code identifies the agency. */
export type AgencyImportRow = Omit<AgencyValues, "active"> & { active?: boolean };

export function createAgencyService(ctx: AppContext) {
  /** Writes the agency and its event in one transaction (R-KB2: changes are recorded). */
  const { save } = agencyCatalogue;

  return {
    /** The directory (R-KB2), for every staff member: operators transfer calls to these numbers. */
    async listAgencies(actor: Actor | null, filter: AgencyFilter): Promise<AgencyView[]> {
      requireStaff(actor);
      return withFocalPoints(ctx.db, await listAgencies(ctx.db, filter));
    },

    async getAgency(actor: Actor | null, id: string): Promise<AgencyView> {
      requireStaff(actor);
      const row = await agencyTable.findById(ctx.db, id);
      if (!row) throw new AppError("NOT_FOUND");
      const [view] = await withFocalPoints(ctx.db, [row]);
      if (!view) throw new AppError("NOT_FOUND");
      return view;
    },

    async createAgency(actor: Actor | null, body: CreateAgencyBody): Promise<AgencyView> {
      const admin = authorize(actor, "agency.manage");
      const row = await uniqueOr409("code", duplicateCode, () =>
        ctx.db.transaction((tx) =>
          save(tx, { actor: admin }, undefined, { ...body, email: body.email ?? null, active: true }),
        ),
      );
      return (await withFocalPoints(ctx.db, [row]))[0] as AgencyView;
    },

    async updateAgency(actor: Actor | null, id: string, body: UpdateAgencyBody): Promise<AgencyView> {
      const admin = authorize(actor, "agency.manage");
      const row = await uniqueOr409("code", duplicateCode, () =>
        agencyCatalogue.edit(ctx.db, { actor: admin }, id, body),
      );
      return (await withFocalPoints(ctx.db, [row]))[0] as AgencyView;
    },

    /**
     * Upserts agencies by code from the admin CLI. Shell access to the server is the authority
     * here (there is no signed-in actor); every change is still recorded as an event.
     */
    importAgencies(rows: AgencyImportRow[], source: ChangeSource) {
      return agencyCatalogue.importByCode(ctx.db, rows, source, (_tx, r, before) => ({
        ...r,
        // Matched whatever its case: the stored spelling stays (a rename is an edit in the console).
        code: before?.code ?? r.code,
        active: r.active ?? before?.active ?? true,
      }));
    },
  };
}
