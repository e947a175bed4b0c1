import { describe, expect, it } from "vitest";
import { signPayload, verifyPayload } from "./signature.js";

const secret = "s3cret";
const body = '{"eventId":"e1","event":"call.new"}';
const now = 1_780_000_000_000;
const ts = Math.floor(now / 1000);

describe("signed payloads", () => {
  it("accepts its own signature and refuses any change", () => {
    const signature = signPayload(secret, ts, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyPayload(secret, { timestamp: String(ts), signature }, body, now)).toBe("ok");
    expect(verifyPayload(secret, { timestamp: String(ts), signature }, `${body} `, now)).toBe(
      "bad_signature",
    );
    expect(verifyPayload("other", { timestamp: String(ts), signature }, body, now)).toBe("bad_signature");
    expect(verifyPayload(secret, { timestamp: String(ts + 1), signature }, body, now)).toBe("bad_signature");
    expect(
      verifyPayload(secret, { timestamp: String(ts), signature: signature.toUpperCase() }, body, now),
    ).toBe("bad_signature");
  });

  it("refuses stale, future and malformed timestamps and missing headers", () => {
    const old = ts - 301;
    expect(
      verifyPayload(secret, { timestamp: String(old), signature: signPayload(secret, old, body) }, body, now),
    ).toBe("stale");
    const future = ts + 301;
    expect(
      verifyPayload(
        secret,
        { timestamp: String(future), signature: signPayload(secret, future, body) },
        body,
        now,
      ),
    ).toBe("stale");
    expect(verifyPayload(secret, { timestamp: "12e3", signature: "sha256=00" }, body, now)).toBe("stale");
    expect(verifyPayload(secret, { timestamp: undefined, signature: "x" }, body, now)).toBe("missing");
    expect(verifyPayload(secret, { timestamp: String(ts), signature: undefined }, body, now)).toBe("missing");
  });
});
