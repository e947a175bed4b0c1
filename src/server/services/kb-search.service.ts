import type { Actor } from "../../shared/permissions.js";
import type { KbStaffSearchHit, KbStatus } from "../../shared/schemas/kb.js";
import type { AppContext } from "../context.js";
import {
  currentSearchSeq,
  entriesChangedSince,
  fieldCodes,
  hitsWithSeq,
} from "../db/repositories/kb-search.repository.js";
import { analyzeQuery } from "../domain/search/query.js";
import { SearchIndex } from "../domain/search/search-index.js";
import { highlight } from "../domain/search/snippet.js";
import { authorize } from "../policies/authorize.js";

interface DocMeta {
  status: KbStatus;
  externalId: string | null;
  fieldId: number | null;
  from: number;
  until: number;
}

export interface KbSearchOptions {
  q: string;
  fieldCode?: string;
  limit: number;
  statuses: ReadonlySet<KbStatus>;
  /** Expired and not-yet-effective entries are not suggested unless asked for (R-KB1). */
  includeExpired: boolean;
}

const BATCH = 5000;

/**
 * The in-process index of the Q&A base (R-HA1), one per server process. Before every search it
 * reads the one-row change counter and loads entries changed since it last looked, so an entry
 * published through any process is found by every process on its next search.
 */
export function createKbSearch(ctx: AppContext) {
  const index = new SearchIndex<DocMeta>();
  let seenSeq = 0;
  let loading: Promise<void> | null = null;
  let fields = new Map<string, number>();

  async function load(): Promise<void> {
    for (;;) {
      const rows = await entriesChangedSince(ctx.db, seenSeq, BATCH);
      for (const r of rows) {
        // Archived entries are never suggested again; dropping them keeps the index small.
        if (r.status === "archived") index.remove(r.id);
        else {
          index.upsert({
            key: r.id,
            question: r.question,
            answer: r.answer_text,
            keywords: r.keywords,
            meta: {
              status: r.status,
              externalId: r.external_id,
              fieldId: r.field_id,
              from: r.effective_from?.getTime() ?? Number.NEGATIVE_INFINITY,
              until: r.effective_until?.getTime() ?? Number.POSITIVE_INFINITY,
            },
          });
        }
        seenSeq = Math.max(seenSeq, r.search_seq);
      }
      if (rows.length < BATCH) return;
    }
  }

  async function refresh(): Promise<void> {
    if (loading) return loading;
    if ((await currentSearchSeq(ctx.db)) <= seenSeq) return;
    loading ??= load().finally(() => {
      loading = null;
    });
    return loading;
  }

  async function fieldId(code: string): Promise<number | undefined> {
    if (!fields.has(code)) fields = await fieldCodes(ctx.db);
    return fields.get(code);
  }

  return {
    refresh,
    get size(): number {
      return index.size;
    },

    async search(o: KbSearchOptions): Promise<KbStaffSearchHit[]> {
      if (seenSeq === 0) await refresh();
      let wantField: number | undefined;
      if (o.fieldCode) {
        wantField = await fieldId(o.fieldCode);
        if (wantField === undefined) return [];
      }
      const now = ctx.clock.now().getTime();
      // Search the index as it is and read the hits with the change counter in one round trip;
      // if another process changed the base meanwhile, catch up and search again.
      for (let attempt = 0; ; attempt++) {
        const terms = analyzeQuery(o.q, index);
        const found = index.search(
          terms,
          o.limit,
          (m) =>
            o.statuses.has(m.status) &&
            (wantField === undefined || m.fieldId === wantField) &&
            (o.includeExpired || (m.from <= now && now < m.until)),
        );
        const { seq, rows } = await hitsWithSeq(
          ctx.db,
          found.map((h) => h.key),
        );
        if (seq > seenSeq && attempt < 3) {
          await refresh();
          continue;
        }
        const byId = new Map(rows.map((r) => [r.id, r]));
        const marked = new Set(terms.filter((t) => !t.term.includes("_")).map((t) => t.term));
        return found.flatMap((h) => {
          const row = byId.get(h.key);
          if (!row) return [];
          return [
            {
              id: h.key,
              externalId: h.meta.externalId,
              question: row.question,
              snippet: highlight(row.answer_text, marked),
              field: row.field_code,
              score: Math.round(h.score * 1000) / 1000,
              status: h.meta.status,
            },
          ];
        });
      }
    },
  };
}

export type KbSearch = ReturnType<typeof createKbSearch>;

/** Searching the Q&A base from one index: staff at the desk (R-HA1) and citizens on the portal (Art. 12). */
export function createKbSearchService(search: KbSearch) {
  return {
    search,

    /** Staff search (R-HA1): every status but archived unless filtered; expired only on request. */
    async searchStaff(
      actor: Actor | null,
      o: { q: string; field?: string; limit: number; statuses?: KbStatus[]; includeExpired?: boolean },
    ): Promise<KbStaffSearchHit[]> {
      authorize(actor, "kb.read");
      const statuses = new Set<KbStatus>(o.statuses ?? ["draft", "proposed", "published"]);
      return search.search({
        q: o.q,
        fieldCode: o.field,
        limit: o.limit,
        statuses,
        includeExpired: o.includeExpired ?? false,
      });
    },

    /** Public search: published and in force only (Art. 12). */
    async searchPublic(o: {
      q: string;
      field?: string;
      limit: number;
    }): Promise<Omit<KbStaffSearchHit, "status">[]> {
      const hits = await search.search({
        q: o.q,
        fieldCode: o.field,
        limit: o.limit,
        statuses: new Set(["published"]),
        includeExpired: false,
      });
      return hits.map(({ status: _status, ...hit }) => hit);
    },
  };
}
