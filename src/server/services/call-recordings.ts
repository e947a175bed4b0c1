import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import { fetchRecording, parseHostList } from "../channels/cti/recording-fetch.js";
import type { AppContext } from "../context.js";
import {
  claimDueRecordings,
  findCall,
  findCallById,
  findRecording,
  type RecordingRow,
  readRecordingSlice,
  refuseRecording,
  retryRecording,
  storeRecording,
} from "../db/repositories/call.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { authorize } from "../policies/authorize.js";
import { type AccessOrigin, recordAccess } from "./access-log.service.js";
import type { LiveBus } from "./live-bus.js";

export interface RecordingPassOptions {
  batchSize?: number;
  leaseMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
}

export interface RecordingPassResult {
  stored: number;
  retried: number;
  refused: number;
}

/** Exponential back-off (the same shape as the outbox's): 30 s, 1 min, 2 min, … up to an hour. */
export function recordingBackoffMs(attempt: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

/** One satisfiable byte range of a `Range: bytes=…` header, or "unsatisfiable"; null when absent or not a single range. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | "unsatisfiable" | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, a = "", b = ""] = m;
  if (a === "" && b === "") return null;
  let start: number;
  let end: number;
  if (a === "") {
    const suffix = Number(b);
    if (suffix === 0) return "unsatisfiable";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (!Number.isSafeInteger(start) || start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

/** At most this much per answer: a player asks again for the rest. */
const MAX_SLICE = 1024 * 1024;

/**
 * Call recordings (issue 12): the job that fetches announced recordings (allowlisted hosts only,
 * size-limited, retried with back-off while the host is down, checked against sha256, stored once),
 * and playback with range requests, each in the access log.
 */
export function createCallRecordings(ctx: AppContext, live: LiveBus) {
  return {
    /** One pass of the recording job: fetch what is due. Driven by jobs/phone-jobs.ts (tests call it). */
    async fetchDue(options: RecordingPassOptions = {}): Promise<RecordingPassResult> {
      const o = {
        batchSize: 5,
        leaseMs: 120_000,
        baseDelayMs: 30_000,
        maxDelayMs: 3_600_000,
        maxAttempts: 20,
        ...options,
      };
      const now = ctx.clock.now();
      const due = await claimDueRecordings(ctx.db, now, new Date(now.getTime() + o.leaseMs), o.batchSize);
      const result: RecordingPassResult = { stored: 0, retried: 0, refused: 0 };
      for (const row of due) result[await fetchOne(row, o)]++;
      return result;
    },

    /**
     * Streams a stored recording, whole or one range (206), after recording the read in the access
     * log: playback and download are reads of the caller's personal data.
     */
    async play(
      actor: Actor | null,
      callId: string,
      range: string | undefined,
      origin: AccessOrigin,
      download: boolean,
    ): Promise<{ status: 200 | 206 | 416; headers: Record<string, string>; body: Buffer }> {
      const reader = authorize(actor, "call.handle");
      const call = await findCall(ctx.db, callId);
      const recording = call ? await findRecording(ctx.db, call.id) : undefined;
      if (!call || recording?.status !== "stored") throw new AppError("NOT_FOUND");
      const size = recording.bytes;
      const wanted = parseRange(range, size);
      if (wanted === "unsatisfiable") {
        return { status: 416, headers: { "content-range": `bytes */${size}` }, body: Buffer.alloc(0) };
      }
      const start = wanted?.start ?? 0;
      const end = wanted ? Math.min(wanted.end, start + MAX_SLICE - 1) : size - 1;
      await recordAccess(ctx.db, ctx.clock.now(), reader, origin, {
        action: "recording_play",
        requestId: call.request_id,
        target: call.call_id,
        details: { range: wanted ? `${start}-${end}` : "all", download },
      });
      const body = await readRecordingSlice(ctx.db, call.id, start, end);
      if (!body) throw new AppError("NOT_FOUND");
      const headers: Record<string, string> = {
        "content-type": recording.mime,
        "accept-ranges": "bytes",
        "content-length": String(body.length),
        "cache-control": "no-store",
        "content-disposition": `${download ? "attachment" : "inline"}; filename="${call.call_id.replace(/[^\w.-]/g, "_")}"`,
      };
      if (!wanted) return { status: 200, headers, body };
      return { status: 206, headers: { ...headers, "content-range": `bytes ${start}-${end}/${size}` }, body };
    },
  };

  async function fetchOne(
    row: RecordingRow,
    o: Required<RecordingPassOptions>,
  ): Promise<keyof RecordingPassResult> {
    const fetched = await fetchRecording(row.url, row, {
      allowedHosts: parseHostList(ctx.config.CTI_RECORDING_HOSTS),
      maxBytes: ctx.config.CTI_RECORDING_MAX_BYTES,
    });
    const now = ctx.clock.now();
    if (fetched.status === "retry") {
      const attempt = row.attempts + 1;
      await retryRecording(ctx.db, row.call_id, {
        error: fetched.error,
        next: new Date(now.getTime() + recordingBackoffMs(attempt, o.baseDelayMs, o.maxDelayMs)),
        final: attempt >= o.maxAttempts,
      });
      ctx.logger.warn({ attempt, error: fetched.error }, "recording not fetched yet; will retry");
      return "retried";
    }
    if (fetched.status === "refused") {
      await refuseRecording(ctx.db, row.call_id, fetched.error);
      ctx.logger.warn({ error: fetched.error }, "recording refused");
      return "refused";
    }
    const callId = await ctx.db.transaction(async (tx) => {
      await storeRecording(tx, row.call_id, fetched.content, now);
      const call = await findCallById(tx, row.call_id);
      if (call?.request_id) {
        await appendEvent(tx, {
          actorLabel: "Tổng đài",
          entity: "request",
          entityId: call.request_id,
          requestId: call.request_id,
          kind: "call_recording_stored",
          at: now,
          data: { callId: call.call_id, sha256: row.sha256, bytes: row.bytes, mime: row.mime },
        });
      }
      return call?.call_id;
    });
    if (callId) live.publishCall({ callId, kind: "recording", agentId: null });
    return "stored";
  }
}
