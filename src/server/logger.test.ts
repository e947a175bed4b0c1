import { describe, expect, it } from "vitest";
import { redactUrl } from "./logger.js";

describe("logs carry no personal data (R-SE2)", () => {
  it("redacts the phone number of the follow endpoint and verify tokens", () => {
    expect(redactUrl("/api/v1/public/requests/2603-7KQ9MX?phone=0912345678")).toBe(
      "/api/v1/public/requests/2603-7KQ9MX?phone=[redacted]",
    );
    expect(redactUrl("/x?a=1&email=a%40b.vn&b=2")).toBe("/x?a=1&email=[redacted]&b=2");
    expect(redactUrl("/api/v1/channels/facebook/webhook?hub.mode=subscribe&hub.verify_token=s3cret")).toBe(
      "/api/v1/channels/facebook/webhook?hub.mode=subscribe&hub.verify_token=[redacted]",
    );
  });

  it("redacts follow-link secrets in the path", () => {
    const secret = "a".repeat(43);
    expect(redactUrl(`/theo-doi/${secret}`)).toBe("/theo-doi/[redacted]");
    expect(redactUrl(`/api/v1/public/follow/${secret}?x=1`)).toBe("/api/v1/public/follow/[redacted]?x=1");
  });
});
