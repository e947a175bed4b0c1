import { expect, it } from "vitest";
import { AppError } from "../shared/errors.js";

/**
 * The cases of a workflow written as a table (the request state machine, the Q&A workflow): for
 * every (state, action) pair, `next` must reach the expected state, or refuse with 409
 * INVALID_TRANSITION and a Vietnamese reason matching `refusal` where the table has none; and
 * `actionsFrom` must list exactly the actions the table allows from each state. Call inside a
 * describe.
 */
export function itFollowsTransitionTable<S extends string, A extends string>(table: {
  states: readonly S[];
  actions: readonly A[];
  expected: Record<S, Partial<Record<A, S>>>;
  next: (state: S, action: A) => S;
  actionsFrom: (state: S) => readonly A[];
  refusal: RegExp;
}): void {
  const { states, actions, expected, next, actionsFrom, refusal } = table;
  for (const state of states) {
    for (const action of actions) {
      const to = expected[state][action];
      it(`${state} --${action}--> ${to ?? "409"}`, () => {
        if (to) {
          expect(next(state, action)).toBe(to);
          return;
        }
        let error: unknown;
        try {
          next(state, action);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("INVALID_TRANSITION");
        expect((error as AppError).status).toBe(409);
        // The reason names the action and the current state in Vietnamese.
        expect((error as AppError).message).toMatch(refusal);
      });
    }
  }

  it("lists the actions a state allows, for the console's buttons", () => {
    for (const state of states) {
      expect(new Set(actionsFrom(state))).toEqual(new Set(Object.keys(expected[state])));
    }
  });
}
