import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  encode,
  FB_SECRET,
  hostileString,
  hostileValue,
  queryFor,
  RUNS,
  SEED,
  useFuzzApp,
  ZALO_APP,
  ZALO_SECRET,
} from "./fuzz.fixture.js";

/**
 * Property-based fuzzing of the signed webhooks (issue 14): Zalo and Facebook events, signed or
 * not, with hostile values where the channels put text, so they reach the parser and the inbound
 * queue; and the Facebook verification handshake. Asserted as in fuzz.test.ts: never a 5xx, and a
 * refused request stores nothing. Shared values and harness: fuzz.fixture.ts.
 */
describe("fuzzing the webhooks (issue 14): no 5xx, nothing stored on refusal", () => {
  const h = useFuzzApp();

  it("the webhooks, signed, with hostile events", async () => {
    h.failures.length = 0;
    const noHarnessError = (run: { failed: boolean; errorInstance: unknown }) => h.recordRun("webhook", run);
    const now = () => h.t.clock.now().getTime();
    const zaloEvent = fc.record({
      app_id: fc.oneof(fc.constant(ZALO_APP), hostileValue),
      event_name: fc.oneof(
        fc.constantFrom("user_send_text", "user_send_image", "follow", "user_send_location"),
        hostileString,
      ),
      sender: fc.record({ id: fc.oneof(fc.constant("6142494823123456789"), hostileValue) }),
      message: fc.record({
        msg_id: fc.oneof(fc.uuid(), hostileValue),
        text: fc.oneof(fc.constant("Đường Lê Lợi bị ngập"), hostileValue),
        attachments: fc.oneof(
          fc.constant(undefined),
          fc.array(
            fc.record({
              type: fc.oneof(fc.constantFrom("image", "location", "file"), hostileValue),
              payload: fc.oneof(
                fc.record({
                  url: hostileValue,
                  name: hostileValue,
                  coordinates: fc.record({ latitude: hostileValue, longitude: hostileValue }),
                }),
                hostileValue,
              ),
            }),
            { maxLength: 2 },
          ),
        ),
      }),
      timestamp: fc.oneof(fc.constant("now"), hostileValue),
    });
    const facebookEvent = fc.record({
      object: fc.oneof(fc.constant("page"), hostileValue),
      entry: fc.oneof(
        fc.array(
          fc.record({
            id: fc.constant("1234"),
            time: fc.constant(1),
            messaging: fc.oneof(
              fc.array(
                fc.record({
                  sender: fc.record({ id: fc.oneof(fc.constant("24680"), hostileValue) }),
                  recipient: fc.record({ id: fc.constant("1234") }),
                  timestamp: fc.oneof(fc.constant("now"), hostileValue),
                  message: fc.oneof(
                    fc.record({ mid: fc.oneof(fc.uuid(), hostileValue), text: hostileValue }),
                    hostileValue,
                  ),
                }),
                { maxLength: 2 },
              ),
              hostileValue,
            ),
          }),
          { maxLength: 2 },
        ),
        hostileValue,
      ),
    });
    /** Posts one event to a channel's webhook with its signature header; send() judges and records it. */
    const post = async (channel: string, signature: Record<string, string>, raw: string) => {
      const url = `/api/v1/channels/${channel}/webhook`;
      const res = await h.send(`POST ${url}`, "anonymous", {
        method: "POST",
        url,
        headers: { "content-type": "application/json", ...signature },
        payload: raw,
      });
      return h.held(res);
    };
    const fill = (event: unknown) => JSON.stringify(event, (_k, v) => (v === "now" ? String(now()) : v));
    await fc
      .check(
        fc.asyncProperty(zaloEvent, fc.boolean(), async (event, signed) => {
          const raw = fill(event);
          const parsed = JSON.parse(raw) as { app_id?: unknown; timestamp?: unknown };
          const mac = createHash("sha256")
            .update(`${String(parsed.app_id ?? "")}`)
            .update(raw)
            .update(`${String(parsed.timestamp ?? "")}`)
            .update(ZALO_SECRET)
            .digest("hex");
          return post("zalo", { "x-zevent-signature": `mac=${signed ? mac : "0".repeat(64)}` }, raw);
        }),
        { numRuns: RUNS * 8, seed: SEED, endOnFailure: true },
      )
      .then(noHarnessError);
    await fc
      .check(
        fc.asyncProperty(facebookEvent, fc.boolean(), async (event, signed) => {
          const raw = fill(event);
          const sig = createHmac("sha256", FB_SECRET).update(raw).digest("hex");
          return post("facebook", { "x-hub-signature-256": `sha256=${signed ? sig : "0".repeat(64)}` }, raw);
        }),
        { numRuns: RUNS * 8, seed: SEED, endOnFailure: true },
      )
      .then(noHarnessError);
    await fc
      .check(
        fc.asyncProperty(
          queryFor(undefined, h.doc, h.ids),
          fc.record({ mode: hostileString, token: hostileString, challenge: hostileString }),
          async (_q, hub) => {
            const res = await h.send("GET /api/v1/channels/facebook/webhook", "anonymous", {
              method: "GET",
              url: `/api/v1/channels/facebook/webhook?hub.mode=${encode(hub.mode)}&hub.verify_token=${encode(hub.token)}&hub.challenge=${encode(hub.challenge)}`,
            });
            return h.held(res); // send() judged and recorded it
          },
        ),
        { numRuns: RUNS, seed: SEED },
      )
      .then(noHarnessError);
    h.stats.endpoints += 3;
    expect(h.failures).toEqual([]);
  }, 60_000);
});
