import { describe, expect, it } from "vitest";
import { createStaffUser } from "../../test/staff.js";
import { useChannelTestApp } from "./testing/kit.js";
import { useFakeGraph } from "./testing/provider-servers.js";

const URL = "/api/v1/admin/channels";
const graph = useFakeGraph({ pageToken: "console-token" });
// The environment gives an app secret; the administrator supplies the rest in the console.
const t = useChannelTestApp({
  FACEBOOK_APP_SECRET: "env-secret-value",
  SMTP_URL: "smtp://user:smtp-pass@127.0.0.1:1",
});

describe("channel settings (administrator)", () => {
  it("lets only an administrator read and change them, and never returns a secret", async () => {
    const admin = await (await createStaffUser(t, { role: "admin" })).signIn();
    const operator = await (await createStaffUser(t, { role: "operator" })).signIn();
    expect((await t.app.inject({ url: URL })).statusCode).toBe(401);
    expect((await operator.inject({ url: URL })).statusCode).toBe(403);

    const list = await admin.inject({ url: URL });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain("env-secret-value");
    expect(list.body).not.toContain("smtp-pass");
    const facebook = list.json().items.find((i: { channel: string }) => i.channel === "facebook");
    expect(facebook.secretsSet).toMatchObject({ appSecret: true, pageToken: false });

    const put = await admin.inject({
      method: "PUT",
      url: URL,
      payload: {
        channel: "facebook",
        enabled: true,
        settings: { pageId: "104213379077880", graphUrl: graph.url },
        secrets: { pageToken: "console-token", verifyToken: "typed-in-console" },
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.body).not.toContain("console-token");
    expect(put.json()).toMatchObject({
      settings: { pageId: "104213379077880", graphUrl: graph.url },
      secretsSet: { appSecret: true, pageToken: true, verifyToken: true },
    });
    const denied = await operator.inject({
      method: "PUT",
      url: URL,
      payload: { channel: "zalo", enabled: false },
    });
    expect(denied.statusCode).toBe(403);

    // The saved verify token answers the handshake: console settings win over the environment.
    const hs = await t.app.inject({
      url: "/api/v1/channels/facebook/webhook?hub.mode=subscribe&hub.challenge=42&hub.verify_token=typed-in-console",
    });
    expect(hs.body).toBe("42");
  });

  it("keeps a saved secret when a later save leaves it out, and clears it with null", async () => {
    const admin = await (await createStaffUser(t, { role: "admin" })).signIn();
    const keep = await admin.inject({
      method: "PUT",
      url: URL,
      payload: { channel: "facebook", enabled: true, settings: { pageId: "1" } },
    });
    expect(keep.json().secretsSet.pageToken).toBe(true);
    const clear = await admin.inject({
      method: "PUT",
      url: URL,
      payload: { channel: "facebook", enabled: true, secrets: { verifyToken: null } },
    });
    expect(clear.json().secretsSet.verifyToken).toBe(false);
    const bad = await admin.inject({ method: "PUT", url: URL, payload: { channel: "sms", enabled: true } });
    expect(bad.statusCode).toBe(400);
  });
});
