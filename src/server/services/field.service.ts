import type { Actor } from "../../shared/permissions.js";
import type { CreateFieldBody, FieldView, UpdateFieldBody } from "../../shared/schemas/admin.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { type FieldRow, type FieldValues, fieldTable } from "../db/repositories/field.repository.js";
import { authorize } from "../policies/authorize.js";
import { auditedCatalogue, type ChangeSource, requireStaff, uniqueOr409 } from "./admin-support.js";

/** The values an administrator edits, as stored and as recorded in the event log. */
const valuesOf = (f: FieldRow): FieldValues => ({
  code: f.code,
  name: f.name,
  description: f.description,
  sortOrder: f.sort_order,
  active: f.active,
});

export function presentField(f: FieldRow): FieldView {
  return { id: f.id, ...valuesOf(f) };
}

const fieldCatalogue = auditedCatalogue<FieldRow, FieldValues>({
  entity: "field",
  ...fieldTable,
  valuesOf,
});

const duplicateCode = "Mã lĩnh vực đã tồn tại";

/** One row of a field import (CLI); the code identifies the field. */
export type FieldImportRow = Omit<FieldValues, "active" | "sortOrder"> & {
  active?: boolean;
  sortOrder?: number;
};

/** The content fields of Art. 5 (R-IN2): seeded, then edited by administrators. */
export function createFieldService(ctx: AppContext) {
  const { save } = fieldCatalogue;

  const nextSortOrder = async (db: Executor) => {
    const all = await fieldTable.list(db, true);
    return all.reduce((max, f) => Math.max(max, f.sort_order), 0) + 10;
  };

  return {
    async listFields(actor: Actor | null, includeInactive: boolean): Promise<FieldView[]> {
      requireStaff(actor);
      return (await fieldTable.list(ctx.db, includeInactive)).map(presentField);
    },

    /** For the public portal's form and filters: active fields only, no staff data. */
    async listPublicFields(): Promise<Pick<FieldView, "code" | "name" | "description">[]> {
      return (await fieldTable.list(ctx.db)).map((f) => ({
        code: f.code,
        name: f.name,
        description: f.description,
      }));
    },

    async createField(actor: Actor | null, body: CreateFieldBody): Promise<FieldView> {
      const admin = authorize(actor, "field.manage");
      const row = await uniqueOr409("code", duplicateCode, () =>
        ctx.db.transaction(async (tx) =>
          save(tx, { actor: admin }, undefined, {
            code: body.code,
            name: body.name,
            description: body.description ?? null,
            sortOrder: body.sortOrder ?? (await nextSortOrder(tx)),
            active: true,
          }),
        ),
      );
      return presentField(row);
    },

    async updateField(actor: Actor | null, id: number, body: UpdateFieldBody): Promise<FieldView> {
      const admin = authorize(actor, "field.manage");
      const row = await uniqueOr409("code", duplicateCode, () =>
        fieldCatalogue.edit(ctx.db, { actor: admin }, id, body),
      );
      return presentField(row);
    },

    /** Upserts fields by code from the admin CLI (shell access is the authority; events recorded). */
    importFields(rows: FieldImportRow[], source: ChangeSource) {
      return fieldCatalogue.importByCode(ctx.db, rows, source, async (tx, r, before) => ({
        code: r.code,
        name: r.name,
        description: r.description,
        sortOrder: r.sortOrder ?? before?.sort_order ?? (await nextSortOrder(tx)),
        active: r.active ?? before?.active ?? true,
      }));
    },
  };
}
