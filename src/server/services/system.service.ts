import type { AppContext } from "../context.js";
import { ping } from "../db/client.js";

export function createSystemService(ctx: AppContext) {
  return {
    async databaseAnswers(): Promise<boolean> {
      try {
        return await ping(ctx.db);
      } catch {
        return false;
      }
    },
  };
}
