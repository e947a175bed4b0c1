import type { Actor } from "../../shared/permissions.js";
import type { KbSearchHit, KbStaffSearchHit, KbStatus } from "../../shared/schemas/kb.js";
import type { AppContext } from "../context.js";
import {
  currentSearchSeq,
  entriesChangedSince,
  fieldCodes,
  hitsWithSeq,
} from "../db/repositories/kb-search.repository.js";
import { deleteSnapshot, indexFingerprint } from "../db/repositories/kb-snapshot.repository.js";
import { acceptsEntry, type FilterEntry, facetOf, maskOf } from "../domain/kb/search-filter.js";
import {
  confidentSuggestions,
  type SuggestionCandidate,
  suggestionThreshold,
} from "../domain/kb/suggestions.js";
import { analyzeQuery } from "../domain/search/query.js";
import { defaultIndexOptions, SearchIndex } from "../domain/search/search-index.js";
import { highlight, marksOf } from "../domain/search/snippet.js";
import { authorize } from "../policies/authorize.js";
import { loadSnapshot, saveSnapshot } from "./kb-snapshot.js";

interface DocMeta extends FilterEntry {
  externalId: string | null;
  /** The entry's search_seq when indexed: the snapshot's check sums them. */
  seq: number;
}

export interface KbSearchOptions {
  q: string;
  fieldCode?: string;
  limit: number;
  statuses: ReadonlySet<KbStatus>;
  /** Expired and not-yet-effective entries are not suggested unless asked for (R-KB1). */
  includeExpired: boolean;
}

/** When the index is written to its snapshot (issue 16). */
export interface SnapshotPolicy {
  /** Below this many entries a rebuild takes well under a second: no snapshot is kept. */
  minEntries: number;
  /** Written again once this many entries changed since the last one… */
  afterChanges: number;
  /** …or when any changed and the last one is this old. */
  afterMs: number;
}

export const defaultSnapshotPolicy: SnapshotPolicy = {
  minEntries: 2_000,
  afterChanges: 500,
  afterMs: 5 * 60_000,
};

const BATCH = 5000;

export type ScoredHit = KbStaffSearchHit & { coverage: number; answerText: string };

type DocRow = [KbStatus, string | null, number | null, number | null, number | null, number];
const encodeMeta = (m: DocMeta): DocRow => [
  m.status,
  m.externalId,
  m.fieldId,
  Number.isFinite(m.from) ? m.from : null,
  Number.isFinite(m.until) ? m.until : null,
  m.seq,
];
const decodeMeta = (raw: unknown): DocMeta => {
  const [status, externalId, fieldId, from, until, seq] = raw as DocRow;
  return {
    status,
    externalId,
    fieldId,
    from: from ?? Number.NEGATIVE_INFINITY,
    until: until ?? Number.POSITIVE_INFINITY,
    seq,
  };
};

/**
 * The in-process index of the Q&A base (R-HA1), one per server process. Before every search it
 * reads the one-row change counter and loads entries changed since it last looked, so an entry
 * published through any process is found by every process on its next search.
 *
 * At start it reads the snapshot (issue 16) and loads only what changed since; the result is
 * checked against kb_entries (count and sum of search_seq of the live entries), and a snapshot
 * that is missing, damaged, of another format or does not match is rebuilt from the entries.
 */
export function createKbSearch(ctx: AppContext, policy: SnapshotPolicy = defaultSnapshotPolicy) {
  let index = new SearchIndex<DocMeta>(defaultIndexOptions, facetOf);
  let seenSeq = 0;
  let started: Promise<void> | null = null;
  let loading: Promise<void> | null = null;
  let fields = new Map<string, number>();
  let snapshotSeq = 0;
  let snapshotAt = 0;
  let changedSinceSnapshot = 0;
  let writing: Promise<void> | null = null;
  /** How the index was obtained at start, for the logs, the bench and the tests. */
  let origin: { from: "snapshot" | "entries"; reason: string; ms: number } | null = null;

  async function load(): Promise<number> {
    let applied = 0;
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
              seq: r.search_seq,
            },
          });
        }
        seenSeq = Math.max(seenSeq, r.search_seq);
      }
      applied += rows.length;
      if (rows.length < BATCH) return applied;
    }
  }

  function fingerprintOfIndex(): { entries: number; seq_sum: number } {
    let sum = 0;
    for (const [, m] of index.entries()) sum += m.seq;
    return { entries: index.size, seq_sum: sum };
  }

  /** Loads the snapshot and what changed since; false when it cannot be trusted. */
  async function restore(): Promise<string | null> {
    const found = await loadSnapshot(ctx.db, index.options);
    if ("unusable" in found) return found.unusable;
    const current = await currentSearchSeq(ctx.db);
    // The counter behind the snapshot: the database was replaced (a restore) since it was written.
    if (found.header.seq > current) return "snapshot newer than the entries";
    try {
      index = SearchIndex.fromImage(found.image, decodeMeta, facetOf);
    } catch (error) {
      return `damaged: ${(error as Error).message}`;
    }
    seenSeq = found.header.seq;
    snapshotSeq = found.header.seq;
    snapshotAt = Date.now();
    changedSinceSnapshot = await load();
    // The index must now hold exactly the live entries; retry while others are writing.
    for (let attempt = 0; attempt < 3; attempt++) {
      const seq = await currentSearchSeq(ctx.db);
      if (seq > seenSeq) {
        changedSinceSnapshot += await load();
        continue;
      }
      const db = await indexFingerprint(ctx.db, seenSeq);
      const mine = fingerprintOfIndex();
      if (db.entries === mine.entries && db.seq_sum === mine.seq_sum) return null;
      if ((await currentSearchSeq(ctx.db)) === seenSeq) return "does not match the entries";
    }
    return "entries kept changing while checking";
  }

  async function start(): Promise<void> {
    const t = performance.now();
    const reason = await restore().catch((error: unknown) => `unreadable: ${(error as Error).message}`);
    if (reason === null) {
      origin = { from: "snapshot", reason: "ok", ms: performance.now() - t };
      ctx.logger.info(
        { entries: index.size, seq: seenSeq, ms: Math.round(origin.ms) },
        "kb index from snapshot",
      );
      return;
    }
    index = new SearchIndex<DocMeta>(defaultIndexOptions, facetOf);
    seenSeq = 0;
    snapshotSeq = 0;
    if (reason !== "missing") {
      ctx.logger.warn({ reason }, "kb index snapshot not used; rebuilding from the entries");
      await deleteSnapshot(ctx.db).catch(() => undefined);
    }
    changedSinceSnapshot = await load();
    origin = { from: "entries", reason, ms: performance.now() - t };
    ctx.logger.info({ entries: index.size, ms: Math.round(origin.ms) }, "kb index built from the entries");
  }

  /** Writes the snapshot in the background when the policy says so; searches are not held up. */
  function maybeSnapshot(): void {
    if (writing || index.size < policy.minEntries || seenSeq === snapshotSeq) return;
    const due =
      snapshotSeq === 0 ||
      changedSinceSnapshot >= policy.afterChanges ||
      (changedSinceSnapshot > 0 && Date.now() - snapshotAt >= policy.afterMs);
    if (!due) return;
    writing = writeNow()
      .catch((error: unknown) => ctx.logger.warn({ err: error }, "kb index snapshot not written"))
      .finally(() => {
        writing = null;
      });
  }

  async function writeNow(): Promise<void> {
    const seq = seenSeq;
    const { entries, seq_sum } = fingerprintOfIndex();
    const image = index.toImage(encodeMeta);
    const changed = changedSinceSnapshot;
    await saveSnapshot(ctx.db, image, { seq, entries, seqSum: seq_sum });
    snapshotSeq = seq;
    snapshotAt = Date.now();
    changedSinceSnapshot -= changed;
  }

  async function refresh(): Promise<void> {
    // A start that failed (the database away at boot) is tried again by the next search.
    started ??= start().then(maybeSnapshot, (error: unknown) => {
      started = null;
      throw error;
    });
    await started;
    if (loading) return loading;
    if ((await currentSearchSeq(ctx.db)) <= seenSeq) return maybeSnapshot();
    loading ??= load()
      .then((n) => {
        changedSinceSnapshot += n;
        maybeSnapshot();
      })
      .finally(() => {
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
    /** How the index was obtained at start (snapshot or entries, why, how long), and what it holds. */
    get state() {
      return { origin, seenSeq, snapshotSeq, ...index.stats };
    },
    /** Writes the snapshot now (tests, the bench); waits for one already being written first. */
    async writeSnapshot(): Promise<void> {
      await refresh();
      await writing;
      await writeNow();
    },
    /** Waits for a snapshot being written in the background (tests, shutdown). */
    async settled(): Promise<void> {
      await writing;
    },

    async search(o: KbSearchOptions): Promise<KbStaffSearchHit[]> {
      return (await find(o)).map(({ coverage: _c, answerText: _a, ...hit }) => hit);
    },
    find,
  };

  /** Hits with what ranking knew of them: the share of the query found in the question, the answer. */
  async function find(o: KbSearchOptions): Promise<ScoredHit[]> {
    if (!started || seenSeq === 0) await refresh();
    let wantField: number | undefined;
    if (o.fieldCode) {
      wantField = await fieldId(o.fieldCode);
      if (wantField === undefined) return [];
    }
    const filter = {
      statuses: o.statuses,
      fieldId: wantField,
      includeExpired: o.includeExpired,
      now: ctx.clock.now().getTime(),
    };
    const accept = { ...maskOf(filter), meta: (m: DocMeta) => acceptsEntry(filter, m) };
    // Search the index as it is and read the hits with the change counter in one round trip;
    // if another process changed the base meanwhile, catch up and search again.
    for (let attempt = 0; ; attempt++) {
      const terms = analyzeQuery(o.q, index);
      const found = index.search(terms, o.limit, accept);
      const { seq, rows } = await hitsWithSeq(
        ctx.db,
        found.map((h) => h.key),
      );
      if (seq > seenSeq && attempt < 3) {
        await refresh();
        continue;
      }
      const byId = new Map(rows.map((r) => [r.id, r]));
      const marked = marksOf(o.q, terms.shown ?? new Set(), terms.spelled);
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
            agencyName: row.agency_name,
            updatedAt: row.content_updated_at.toISOString(),
            coverage: h.coverage,
            answerText: row.answer_text,
          },
        ];
      });
    }
  }
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

    /**
     * Published answers confident enough to send with a chat acknowledgement (issue 16): published
     * and in force, above the thresholds measured on the realistic questions (domain/kb/suggestions.ts).
     */
    async suggestAnswers(question: string): Promise<SuggestionCandidate[]> {
      const hits = await search.find({
        q: question.slice(0, 2000),
        limit: suggestionThreshold.max,
        statuses: new Set(["published"]),
        includeExpired: false,
      });
      return confidentSuggestions(hits);
    },

    /** Public search: published and in force only (Art. 12). */
    async searchPublic(o: { q: string; field?: string; limit: number }): Promise<KbSearchHit[]> {
      const hits = await search.search({
        q: o.q,
        fieldCode: o.field,
        limit: o.limit,
        statuses: new Set(["published"]),
        includeExpired: false,
      });
      // The staff fields stay with staff.
      return hits.map(({ status: _s, agencyName: _a, updatedAt: _u, ...hit }) => hit);
    },
  };
}
