import type { AppContext } from "../context.js";
import {
  type ChainName,
  chainHead,
  chainPage,
  chains,
  firstBeyondHead,
} from "../db/repositories/log-chain.repository.js";
import { type ChainProblem, ChainWalker } from "../domain/log-chain.js";

export interface ChainReport {
  chain: ChainName;
  /** Entries checked and found sound (up to the first problem). */
  count: number;
  headSeq: number;
  headHash: string;
  problem: ChainProblem | null;
}

const PAGE = 5000;

/**
 * Walks the hash chains of the event log and the access log from their first entry (issue 14,
 * `npm run admin -- verify-audit`). The head is read first and the walk stops there, so entries
 * appended meanwhile by a running server do not count as inserted; rows past the head that the
 * head does not know of were written around the chain and do.
 */
export async function verifyLogChains(ctx: Pick<AppContext, "db">): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const chain of chains) {
    const head = await chainHead(ctx.db, chain);
    const walker = new ChainWalker();
    let afterSeq = 0;
    for (;;) {
      const page = await chainPage(ctx.db, chain, { afterSeq, upToSeq: head.seq }, PAGE);
      for (const row of page) {
        if (
          !walker.push({
            id: row.id,
            seq: row.chain_seq,
            prevHash: row.prev_hash,
            hash: row.hash,
            fields: row.fields,
            // data_digest is the 11th chained field of an event (0016's events_chain_body).
            payload: row.payload === null ? null : { text: row.payload, digestField: 10 },
          })
        )
          break;
      }
      const last = page.at(-1);
      if (walker.problem || !last || page.length < PAGE) break;
      afterSeq = last.chain_seq;
    }
    let problem = walker.finish(head);
    if (!problem) {
      const stray = await firstBeyondHead(ctx.db, chain);
      if (stray) problem = { kind: "inserted", id: stray.id, seq: stray.seq };
    }
    reports.push({ chain, count: walker.count, headSeq: head.seq, headHash: head.hash, problem });
  }
  return reports;
}

/** The verdict in plain words, one line per chain. */
export function describeChainReport(r: ChainReport): string {
  const p = r.problem;
  if (!p) return `${r.chain}: OK, ${r.count} entries, head #${r.headSeq} ${r.headHash}`;
  switch (p.kind) {
    case "edited":
      return `${r.chain}: EDITED entry id ${p.id} (chain #${p.seq}): its content no longer matches its hash or its payload's digest`;
    case "deleted":
      return p.beforeId === null
        ? `${r.chain}: DELETED entries from chain #${p.seq} to the end (head is #${r.headSeq})`
        : `${r.chain}: DELETED entry chain #${p.seq} (missing before id ${p.beforeId})`;
    case "inserted":
      return p.id === -1
        ? `${r.chain}: INSERTED or altered entries at the end (chain #${p.seq} does not match the head #${r.headSeq})`
        : `${r.chain}: INSERTED or replaced entry id ${p.id} (chain #${p.seq}): it does not follow the previous entry`;
  }
}
