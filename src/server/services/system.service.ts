import type { AppContext } from "../context.js";
import { ping } from "../db/client.js";

/** How long /healthz waits for the database before saying it does not answer. */
const HEALTH_TIMEOUT_MS = 2_000;

export type Health = { ok: true } | { ok: false; reason: string };

export function createSystemService(ctx: AppContext) {
  let draining = false;
  const databaseHealth = async (): Promise<Health> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)),
        HEALTH_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([ping(ctx.db), timeout]);
      return { ok: true };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: `database unreachable: ${message}`.slice(0, 200) };
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    async databaseAnswers(): Promise<boolean> {
      return (await databaseHealth()).ok;
    },
    /** Readiness (issue 15): the database answers in time, and the process is not shutting down. */
    async health(): Promise<Health> {
      if (draining) return { ok: false, reason: "shutting down" };
      return databaseHealth();
    },
    /** SIGTERM: /healthz turns 503 so a balancer sends no more, while requests in flight finish. */
    startDraining(): void {
      draining = true;
    },
  };
}
