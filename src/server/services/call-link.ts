import type { Executor } from "../db/client.js";
import { linkCallToRequest } from "../db/repositories/call.repository.js";

/** Links the request saved during or after a call to that call (inside the intake transaction). */
export async function linkRequestToCall(tx: Executor, callId: string, requestId: string): Promise<void> {
  await linkCallToRequest(tx, callId, requestId);
}
