/** One changed attribute between the published version and a proposal (R-KB1 review). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Compares two versions attribute by attribute; the console renders each change side by side. */
export function diffVersions<T extends Record<string, unknown>>(
  before: T | null,
  after: T,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const a = before ? before[field] : null;
    const b = after[field];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, before: a ?? null, after: b ?? null });
  }
  return changes;
}
