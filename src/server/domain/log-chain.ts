import { createHash } from "node:crypto";

/**
 * The hash chain of the event log and the access log (migration 0016), recomputed here without the
 * database's functions, so `verify-audit` checks the trigger rather than trusting it.
 *
 *   hash = sha256(prevHash ‖ field(seq) ‖ field(f1) ‖ … ‖ field(fn)), hex
 *   field(v) = "~" for null, else byteLength(v) + ":" + v
 *
 * The fields are the entry's columns in the migration's order, as text: ids as text, timestamps as
 * microseconds since the epoch, jsonb as PostgreSQL's canonical text. The event log chains its
 * payload's digest (sha256 hex of the canonical text), so an erased payload (data rights) leaves
 * the chain whole; each payload not erased must still match its digest.
 */
export const GENESIS_HASH = "0".repeat(64);

export function chainField(value: string | null): string {
  return value === null ? "~" : `${Buffer.byteLength(value, "utf8")}:${value}`;
}

export function chainHash(prevHash: string, seq: number, fields: readonly (string | null)[]): string {
  const body = chainField(String(seq)) + fields.map(chainField).join("");
  return createHash("sha256")
    .update(prevHash + body, "utf8")
    .digest("hex");
}

/** One stored link: its place, the hash it claims to follow, its own hash and its content. */
export interface ChainLink {
  id: number;
  seq: number;
  prevHash: string;
  hash: string;
  fields: readonly (string | null)[];
  /** A payload whose digest is `digestField` of `fields` (events, not erased). */
  payload?: { text: string; digestField: number } | null;
}

export const payloadDigest = (text: string): string =>
  createHash("sha256").update(text, "utf8").digest("hex");

export type ChainProblem =
  | { kind: "edited"; id: number; seq: number }
  | { kind: "deleted"; seq: number; beforeId: number | null }
  | { kind: "inserted"; id: number; seq: number };

/** Walks links given in chain order, page by page; remembers where the chain stands. */
export class ChainWalker {
  private expectedSeq = 1;
  private prev = GENESIS_HASH;
  count = 0;
  problem: ChainProblem | null = null;

  /** Returns false once a problem was found (the walk stops at the first). */
  push(link: ChainLink): boolean {
    if (this.problem) return false;
    if (link.seq > this.expectedSeq) {
      this.problem = { kind: "deleted", seq: this.expectedSeq, beforeId: link.id };
      return false;
    }
    if (link.seq < this.expectedSeq || link.prevHash !== this.prev) {
      this.problem = { kind: "inserted", id: link.id, seq: link.seq };
      return false;
    }
    if (
      chainHash(link.prevHash, link.seq, link.fields) !== link.hash ||
      (link.payload && payloadDigest(link.payload.text) !== link.fields[link.payload.digestField])
    ) {
      this.problem = { kind: "edited", id: link.id, seq: link.seq };
      return false;
    }
    this.expectedSeq = link.seq + 1;
    this.prev = link.hash;
    this.count++;
    return true;
  }

  /** Compares the end of the walk with the chain head the database keeps. */
  finish(head: { seq: number; hash: string }): ChainProblem | null {
    if (this.problem) return this.problem;
    const lastSeq = this.expectedSeq - 1;
    if (head.seq > lastSeq) this.problem = { kind: "deleted", seq: lastSeq + 1, beforeId: null };
    else if (head.seq < lastSeq || head.hash !== this.prev)
      this.problem = { kind: "inserted", id: -1, seq: lastSeq };
    return this.problem;
  }

  get lastHash(): string {
    return this.prev;
  }
}
