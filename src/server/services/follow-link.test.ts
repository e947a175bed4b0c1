import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  acknowledgementText,
  FOLLOW_SECRET,
  followLink,
  hashFollowSecret,
  newFollowSecret,
} from "./follow-link.js";

const link = "https://1022.example/theo-doi/x";
/** The acknowledgement of request 2603-ABCDEF with the follow link, for this requester. */
const ack = (requester: Omit<Parameters<typeof acknowledgementText>[1], "link">) =>
  acknowledgementText("2603-ABCDEF", { ...requester, link });

describe("follow link and acknowledgement wording (issue 13, R-IN5, R-PU2)", () => {
  it("a secret is 256 random bits, base64url, stored only as its SHA-256", () => {
    const a = newFollowSecret();
    const b = newFollowSecret();
    expect(a.secret).toMatch(FOLLOW_SECRET);
    expect(Buffer.from(a.secret, "base64url")).toHaveLength(32);
    expect(a.secret).not.toBe(b.secret);
    expect(a.hash).toBe(hashFollowSecret(a.secret));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(followLink("https://1022.example/", a.secret)).toBe(`https://1022.example/theo-doi/${a.secret}`);
  });

  it("secrets drawn in bulk are never handed out twice, across refills of the pool", () => {
    const secrets = Array.from({ length: 1000 }, () => newFollowSecret());
    expect(new Set(secrets.map((s) => s.secret)).size).toBe(1000);
    for (const s of secrets) {
      expect(Buffer.from(s.secret, "base64url")).toHaveLength(32);
      // A zeroed slice of the pool would show as 43 "A"s.
      expect(s.secret).not.toBe("A".repeat(43));
      expect(s.hash).toBe(createHash("sha256").update(s.secret).digest("hex"));
    }
  });

  it("chat requesters get the link and are not asked for a phone number they never gave", () => {
    for (const channel of ["zalo", "facebook"] as const) {
      const text = ack({ channel, hasPhone: false, hasEmail: false });
      expect(text).toContain("2603-ABCDEF");
      expect(text).toContain(link);
      expect(text).not.toContain("số điện thoại");
    }
  });

  it("email requesters get the link and code + email", () => {
    const text = ack({ channel: "email", hasPhone: false, hasEmail: true });
    expect(text).toContain(link);
    expect(text).toContain("mã này và địa chỉ email");
    expect(text).not.toContain("số điện thoại");
  });

  it("portal and phone requesters keep code + phone, and get the link where the message reaches them", () => {
    const text = ack({ channel: "portal", hasPhone: true, hasEmail: true });
    expect(text).toContain("mã này và số điện thoại hoặc địa chỉ email");
    expect(text).toContain(link);
  });
});
