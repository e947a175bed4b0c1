import { sql } from "drizzle-orm";
import type { AppContext } from "../context.js";
import { type Executor, execRaw } from "../db/client.js";
import { appendEvent, type NewEvent } from "../db/repositories/event.repository.js";
import {
  findEntriesForImport,
  findVersion,
  insertEntry,
  insertVersion,
  type KbContent,
  type KbEntryRow,
  listEntriesForExport,
  setVersionState,
  updateEntry,
} from "../db/repositories/kb.repository.js";
import { fieldCodes } from "../db/repositories/kb-search.repository.js";
import { answerCellToHtml } from "../domain/kb/content.js";
import { detectPersonalData, type Hit } from "../domain/personal-data.js";
import { fold, htmlToText } from "../domain/search/normalize.js";
import { readTable, writeTable } from "./kb-table.js";

/** Column names in the file; matched case-insensitively. */
export interface KbColumns {
  question: string;
  answer: string;
  externalId?: string;
  field?: string;
}

export interface KbImportOptions extends KbColumns {
  delimiter?: string;
  status: "draft" | "published";
}

export interface KbImportSummary {
  total: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; reason: string }[];
  /**
   * Rows of a `published` import whose question or answer may carry personal data (issue 13):
   * imported as `proposed` (held for review) instead of published; a reviewer publishes them
   * through the normal workflow, confirming each finding. There is no option to bypass this.
   */
  held: { row: number; kinds: Hit["kind"][]; findings: HeldFinding[] }[];
}

export interface HeldFinding {
  field: "question" | "answer";
  kind: Hit["kind"];
  start: number;
  end: number;
  text: string;
}

export const defaultColumns: KbColumns = {
  question: "question",
  answer: "answer",
  externalId: "external_id",
  field: "field",
};

const ACTOR_LABEL = "Nhập dữ liệu (CLI)";
const BATCH = 200;

interface Candidate {
  row: number;
  externalId: string | null;
  content: KbContent;
  /** Findings of the personal-data detector: the row is held as a proposal instead of published. */
  findings: HeldFinding[];
}

/** The deployment's public numbers: every agency's registered hotline numbers (1022 and emergency numbers are built in). */
async function publicNumbersOf(db: Executor): Promise<string[]> {
  const rows = await execRaw<{ n: string }>(db, sql`select unnest(hotline_numbers) as n from agencies`);
  return rows.map((r) => r.n);
}

/**
 * Imports a CSV or XLSX file into the Q&A base (R-KB1) as the system. Rows are matched to entries
 * by external id (or question text without an id column); an unchanged row changes nothing, so
 * re-importing the same file is a no-op. Every created or changed entry gets a version and an event.
 */
export async function importKbFile(
  ctx: AppContext,
  file: string,
  o: KbImportOptions,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<KbImportSummary> {
  const { columns, rows } = await readTable(file, o.delimiter);
  const col = (name: string | undefined) =>
    name ? columns.find((c) => c.trim().toLowerCase() === name.trim().toLowerCase()) : undefined;
  const qCol = col(o.question);
  const aCol = col(o.answer);
  if (!qCol || !aCol) {
    throw new Error(
      `Không thấy cột câu hỏi "${o.question}" hoặc câu trả lời "${o.answer}". Các cột: ${columns.join(", ")}`,
    );
  }
  const idCol = col(o.externalId);
  const fieldCol = col(o.field);
  const fields = await fieldCodes(ctx.db);
  const fieldByName = new Map([...fields].map(([code, id]) => [fold(code), id]));
  const summary: KbImportSummary = {
    total: rows.length,
    imported: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    held: [],
  };
  const publicNumbers = o.status === "published" ? await publicNumbersOf(ctx.db) : [];
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const [i, r] of rows.entries()) {
    const rowNo = i + 2; // 1-based, after the header line
    const reject = (reason: string) => summary.rejected.push({ row: rowNo, reason });
    const question = (r[qCol] ?? "").trim();
    const answer = (r[aCol] ?? "").trim();
    const externalId = idCol ? (r[idCol] ?? "").trim() || null : null;
    if (question.length < 5) {
      reject("Câu hỏi trống hoặc quá ngắn");
      continue;
    }
    if (question.length > 4000) {
      reject("Câu hỏi dài quá 4000 ký tự");
      continue;
    }
    if (!answer) {
      reject("Câu trả lời trống");
      continue;
    }
    if (externalId && externalId.length > 200) {
      reject("Mã ngoài dài quá 200 ký tự");
      continue;
    }
    const key = externalId ?? question;
    if (seen.has(key)) {
      reject(`Trùng ${externalId ? `mã ${externalId}` : "câu hỏi"} với một dòng trước`);
      continue;
    }
    seen.add(key);
    let fieldId: number | null = null;
    const fieldCell = fieldCol ? (r[fieldCol] ?? "").trim() : "";
    if (fieldCell) {
      const id = fields.get(fieldCell) ?? fieldByName.get(fold(fieldCell));
      if (id === undefined) {
        reject(`Lĩnh vực "${fieldCell}" không tồn tại`);
        continue;
      }
      fieldId = id;
    }
    const answerHtml = answerCellToHtml(answer);
    const answerText = htmlToText(answerHtml);
    if (!answerText) {
      reject("Câu trả lời trống sau khi lọc nội dung không an toàn");
      continue;
    }
    const findings: HeldFinding[] =
      o.status === "published"
        ? (["question", "answer"] as const).flatMap((field) =>
            detectPersonalData(field === "question" ? question : answerText, null, { publicNumbers }).map(
              (h) => ({ field, kind: h.kind, start: h.start, end: h.end, text: h.text }),
            ),
          )
        : [];
    candidates.push({
      row: rowNo,
      findings,
      externalId,
      content: {
        question,
        answerHtml,
        answerText,
        fieldId,
        agencyId: null,
        legalSources: [],
        keywords: [],
        effectiveFrom: null,
        effectiveUntil: null,
      },
    });
  }
  let done = summary.rejected.length;
  onProgress(done, rows.length);
  for (let i = 0; i < candidates.length; i += BATCH) {
    const batch = candidates.slice(i, i + BATCH);
    await ctx.db.transaction(async (tx) => {
      const existing = await findEntriesForImport(tx, {
        ids: batch.flatMap((c) => (c.externalId ? [c.externalId] : [])),
        questions: idCol ? [] : batch.map((c) => c.content.question),
      });
      for (const c of batch) {
        const match = existing.find((e) =>
          c.externalId
            ? e.external_id === c.externalId || e.id === c.externalId
            : e.question === c.content.question,
        );
        const held = c.findings.length > 0;
        const outcome = await applyRow(tx, ctx.clock.now(), c, match, o.status);
        summary[outcome]++;
        const alreadyLive =
          outcome === "unchanged" && match?.status === "published" && match.pending_version === null;
        if (held && !alreadyLive)
          summary.held.push({
            row: c.row,
            kinds: [...new Set(c.findings.map((f) => f.kind))],
            findings: c.findings,
          });
      }
    });
    done += batch.length;
    onProgress(done, rows.length);
  }
  return summary;
}

/** Whether an entry or a version already says what the row says (a row without a field keeps any). */
const sameContent = (c: Candidate, v: { question: string; answer_html: string; field_id: number | null }) =>
  v.question === c.content.question &&
  v.answer_html === c.content.answerHtml &&
  (c.content.fieldId === null || v.field_id === c.content.fieldId);

/** The event of an existing entry changed by the import. */
const importUpdated = (tx: Executor, at: Date, match: KbEntryRow, toStatus: string, data: NewEvent["data"]) =>
  appendEvent(tx, {
    actorLabel: ACTOR_LABEL,
    entity: "kb_entry",
    entityId: match.id,
    kind: "kb_entry.import_updated",
    fromStatus: match.status,
    toStatus,
    data,
    at,
  });

async function applyRow(
  tx: Executor,
  at: Date,
  c: Candidate,
  match: KbEntryRow | undefined,
  status: "draft" | "published",
): Promise<"imported" | "updated" | "unchanged"> {
  // A row with findings is held: it waits for review as a proposal, never goes live by the import.
  if (status === "published" && c.findings.length > 0) return applyHeldRow(tx, at, c, match);
  const published = status === "published";
  if (!match) {
    const entryId = await insertEntry(tx, {
      ...c.content,
      status,
      externalId: c.externalId,
      createdBy: null,
      at,
      publishedVersion: published ? 1 : null,
    });
    await insertVersion(tx, { ...c.content, entryId, version: 1, state: status, authorId: null, at });
    await appendEvent(tx, {
      actorLabel: ACTOR_LABEL,
      entity: "kb_entry",
      entityId: entryId,
      kind: "kb_entry.imported",
      toStatus: status,
      data: { version: 1, row: c.row },
      at,
    });
    return "imported";
  }
  const same =
    match.question === c.content.question &&
    match.answer_html === c.content.answerHtml &&
    (c.content.fieldId === null || match.field_id === c.content.fieldId) &&
    (match.status === status || (status === "draft" && match.status !== "archived"));
  if (same) return "unchanged";
  // A draft import of a change already waiting for review is that same proposal, not a new one.
  if (!published && match.status === "published" && match.pending_version !== null) {
    const pending = await findVersion(tx, match.id, match.pending_version);
    if (pending && pending.state === "proposed" && sameContent(c, pending)) return "unchanged";
  }
  const version = match.version + 1;
  const content = { ...c.content, fieldId: c.content.fieldId ?? match.field_id, agencyId: match.agency_id };
  // Published by the import: it goes live; a draft import over a live entry waits as a proposal.
  const live = match.status === "published" && !published;
  if (published && match.published_version !== null)
    await setVersionState(tx, match.id, match.published_version, "superseded");
  if (match.pending_version !== null)
    await setVersionState(tx, match.id, match.pending_version, "superseded");
  await insertVersion(tx, {
    ...content,
    entryId: match.id,
    version,
    state: live ? "proposed" : status,
    authorId: null,
    at,
  });
  await updateEntry(tx, match.id, {
    ...(live ? {} : { content, status }),
    version,
    ...(published ? { publishedVersion: version } : {}),
    pendingVersion: live ? version : null,
    at,
  });
  await importUpdated(tx, at, match, live ? match.status : status, { version, row: c.row });
  return "updated";
}

/** A held row: a new entry is `proposed`; a change to an entry waits as its one pending proposal. */
async function applyHeldRow(
  tx: Executor,
  at: Date,
  c: Candidate,
  match: KbEntryRow | undefined,
): Promise<"imported" | "updated" | "unchanged"> {
  const data = { row: c.row, heldFor: [...new Set(c.findings.map((f) => f.kind))] };
  if (!match) {
    const entryId = await insertEntry(tx, {
      ...c.content,
      status: "proposed",
      externalId: c.externalId,
      createdBy: null,
      at,
      publishedVersion: null,
    });
    await insertVersion(tx, { ...c.content, entryId, version: 1, state: "proposed", authorId: null, at });
    await updateEntry(tx, entryId, { pendingVersion: 1, at });
    await appendEvent(tx, {
      actorLabel: ACTOR_LABEL,
      entity: "kb_entry",
      entityId: entryId,
      kind: "kb_entry.imported",
      toStatus: "proposed",
      data: { version: 1, ...data },
      at,
    });
    return "imported";
  }
  if (match.status === "published" && match.pending_version === null && sameContent(c, match))
    return "unchanged";
  if (match.pending_version !== null) {
    const pending = await findVersion(tx, match.id, match.pending_version);
    if (pending && pending.state === "proposed" && sameContent(c, pending)) return "unchanged";
    await setVersionState(tx, match.id, match.pending_version, "superseded");
  }
  const version = match.version + 1;
  const content = { ...c.content, fieldId: c.content.fieldId ?? match.field_id, agencyId: match.agency_id };
  const live = match.status === "published";
  await insertVersion(tx, { ...content, entryId: match.id, version, state: "proposed", authorId: null, at });
  await updateEntry(tx, match.id, {
    ...(live ? {} : { content, status: "proposed" }),
    version,
    pendingVersion: version,
    at,
  });
  await importUpdated(tx, at, match, live ? match.status : "proposed", { version, ...data });
  return "updated";
}

/** Writes every entry but archived ones in the import format; the entry id stands in for a missing external id. */
export async function exportKbFile(
  ctx: AppContext,
  file: string,
  o: KbColumns & { delimiter?: string },
): Promise<number> {
  const rows = await listEntriesForExport(ctx.db);
  const c = { ...defaultColumns, ...o };
  const columns = [c.externalId ?? "external_id", c.question, c.answer, c.field ?? "field", "status"];
  const table = rows.map((r) => ({
    [columns[0] as string]: r.external_id ?? r.id,
    [c.question]: r.question,
    [c.answer]: htmlToText(r.answer_html),
    [columns[3] as string]: r.field_code ?? "",
    status: r.status,
  }));
  await writeTable(file, columns, table, o.delimiter);
  return rows.length;
}
