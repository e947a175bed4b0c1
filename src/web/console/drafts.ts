import { type ZodType, z } from "zod";

/** What a user typed and has not saved yet, under one key of the tab (`draft`). */
export interface Draft<T> {
  /** The user's draft, or null; another user's (or an unreadable one) is dropped, not kept for anyone. */
  read(user: string): T | null;
  /** Kept while it holds anything worth keeping, else dropped. */
  write(user: string, values: T): void;
  clear(): void;
}

/**
 * What is being typed, kept in this browser tab only (sessionStorage) and for the user who typed it: a
 * reload (F5) or a look at another page lost it all — the desk's intake during a call, a focal point's
 * long answer. Read back through `values`; another user's draft (a session that ended without signing
 * out) is dropped when read. Signing out clears the tab (api/session.ts); closing it ends it.
 */
export function draft<T>(key: string, values: ZodType<T>, worthKeeping: (values: T) => boolean): Draft<T> {
  const stored = z.object({ user: z.string(), values });
  return {
    read(user) {
      let kept: unknown = null;
      try {
        kept = JSON.parse(sessionStorage.getItem(key) ?? "null");
      } catch {
        // unreadable: dropped below
      }
      const parsed = stored.safeParse(kept);
      if (parsed.success && parsed.data.user === user) return parsed.data.values;
      sessionStorage.removeItem(key);
      return null;
    },
    write(user, next) {
      if (worthKeeping(next)) sessionStorage.setItem(key, JSON.stringify({ user, values: next }));
      else sessionStorage.removeItem(key);
    },
    clear() {
      sessionStorage.removeItem(key);
    },
  };
}

/** A dialog's texts and single choices (a string each); files, dates and lists are chosen again. */
export type DialogTexts = Record<string, string>;
const dialogTexts: ZodType<DialogTexts> = z.record(z.string(), z.string());

/** The texts of an action's dialog on one request (`action:<action>:<requestId>`), typed and not yet sent. */
export function actionDraft(action: string, requestId: string): Draft<DialogTexts> {
  return draft(`console.draft.action:${action}:${requestId}`, dialogTexts, (v) =>
    Object.values(v).some((text) => text.trim() !== ""),
  );
}

/** The strings among a form's values, as a dialog's draft keeps them. */
export function textsOf(values: Record<string, unknown>): DialogTexts {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}
