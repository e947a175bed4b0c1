/**
 * Typo tolerance over the index vocabulary (R-HA1: "one or two typos"). Pure; no I/O.
 * Single edits are found through a deletion neighbourhood (SymSpell): every term is stored under
 * itself and each of its one-character deletions, so a query term finds the terms one edit away
 * by looking up its own deletions. Two edits, only for longer unknown terms, scan the vocabulary.
 */

/** Optimal-string-alignment distance (adjacent transpositions count one), stopping above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] as number;
}

function deletions(term: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < term.length; i++) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
}

export class TypoIndex {
  private readonly byDeletion = new Map<string, string[]>();
  private readonly terms: string[] = [];
  private readonly known = new Set<string>();

  add(term: string): void {
    if (this.known.has(term)) return;
    this.known.add(term);
    this.terms.push(term);
    for (const key of [term, ...deletions(term)]) {
      const list = this.byDeletion.get(key);
      if (list) list.push(term);
      else this.byDeletion.set(key, [term]);
    }
  }

  /** Vocabulary terms within one edit of `term` (the term itself excluded). */
  oneEditAway(term: string): string[] {
    const found = new Set<string>();
    for (const key of [term, ...deletions(term)]) {
      for (const candidate of this.byDeletion.get(key) ?? []) {
        if (candidate !== term && editDistance(term, candidate, 1) === 1) found.add(candidate);
      }
    }
    return [...found];
  }

  /** Vocabulary terms exactly two edits away; a scan, so only for unknown terms. */
  twoEditsAway(term: string): string[] {
    const out: string[] = [];
    for (const candidate of this.terms) {
      if (Math.abs(candidate.length - term.length) <= 2 && editDistance(term, candidate, 2) === 2)
        out.push(candidate);
    }
    return out;
  }
}
