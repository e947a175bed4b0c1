import type { AppContext } from "../context.js";
import { fieldTable } from "../db/repositories/field.repository.js";
import { listAnsweringAgencies, type OptionRow } from "../db/repositories/publication.repository.js";

/** Filter options change rarely; a short cache keeps the public pages cheap under load. */
const TTL_MS = 60_000;

/** Reference lists the public portal shows: the content fields (Art. 5) and the answering agencies. */
export function createPortalService(ctx: AppContext) {
  const cached = <T>(load: () => Promise<T>) => {
    let value: { at: number; data: Promise<T> } | null = null;
    return (): Promise<T> => {
      const now = Date.now();
      if (!value || now - value.at > TTL_MS) {
        const data = load();
        value = { at: now, data };
        data.catch(() => {
          value = null;
        });
      }
      return value.data;
    };
  };
  return {
    /** Active content fields (R-IN2), in their configured order. */
    fields: cached(
      async (): Promise<OptionRow[]> =>
        (await fieldTable.list(ctx.db)).map((f) => ({ code: f.code, name: f.name })),
    ),
    answeringAgencies: cached(() => listAnsweringAgencies(ctx.db)),
  };
}

export type PortalService = ReturnType<typeof createPortalService>;
