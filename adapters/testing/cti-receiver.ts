import { type CtiEvent, ctiEvent } from "../../src/shared/schemas/cti.js";
import { verifyPayload } from "../../src/shared/signature.js";
import { listenOn, readBody, sendJson } from "../common/http.js";

/**
 * The server's side of `POST /api/v1/cti/events` as the contract fixes it, for adapter tests: every
 * event's signature is checked with verifyPayload and its body parsed with ctiEvent; anything else is
 * a test failure (`rejected`). "down" answers 503 and counts the attempt.
 */
export async function startCtiReceiver(secret: string) {
  const state = {
    mode: "up" as "up" | "down",
    events: [] as CtiEvent[],
    /** eventIds of every attempt, refused ones included. */
    attempts: [] as string[],
    rejected: [] as string[],
  };
  const seen = new Set<string>();
  const http = await listenOn(
    (req, res) => {
      void (async () => {
        if (req.method !== "POST" || req.url !== "/api/v1/cti/events") return sendJson(res, 404, {});
        const raw = await readBody(req);
        const h = (n: string) => req.headers[n] as string | undefined;
        const check = verifyPayload(
          secret,
          { timestamp: h("x-cti-timestamp"), signature: h("x-cti-signature") },
          raw,
        );
        const parsed = ctiEvent.safeParse(JSON.parse(raw.toString("utf8")));
        state.attempts.push(parsed.success ? parsed.data.eventId : "?");
        if (check !== "ok" || !parsed.success) {
          state.rejected.push(check !== "ok" ? check : (parsed.error?.message ?? "invalid"));
          return sendJson(res, 401, {});
        }
        if (state.mode === "down") return sendJson(res, 503, {});
        // Idempotent on eventId, as the server is.
        if (!seen.has(parsed.data.eventId)) {
          seen.add(parsed.data.eventId);
          state.events.push(parsed.data);
        }
        sendJson(res, 200, { ok: true });
      })();
    },
    0,
    "127.0.0.1",
  );
  return { url: `http://127.0.0.1:${http.port}`, state, close: http.close };
}
