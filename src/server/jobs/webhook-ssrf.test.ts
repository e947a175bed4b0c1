import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useStaffApp } from "../../test/staff-app.js";
import { createWebhookDeliverer } from "../channels/webhook/webhook.deliverer.js";
import { insertSubscription } from "../db/repositories/integration.repository.js";

/**
 * The SSRF guard of outbound webhooks (webhook-target.ts) with WEBHOOK_ALLOW_PRIVATE_NETWORK=off,
 * as in production: a URL into this host or a private network is refused at registration in every
 * spelling, and a delivery to a name that resolves to loopback is refused at connection time.
 */
describe("webhooks never reach a private network (WEBHOOK_ALLOW_PRIVATE_NETWORK=off)", () => {
  const s = useStaffApp({ users: ["admin"], WEBHOOK_ALLOW_PRIVATE_NETWORK: "off" });
  const subscription = (url: string) => ({ name: "Hệ thống X", url, events: ["request.received"] });

  it.each([
    ["http://127.0.0.1:8080/hook", "private_network"],
    ["http://[::ffff:127.0.0.1]/", "private_network"],
    ["http://0x7f000001/", "private_network"],
    ["http://2130706433/", "private_network"],
    ["http://localhost:3000/", "private_network"],
    ["http://api.localhost/", "private_network"],
    ["http://169.254.169.254/latest/meta-data/", "private_network"],
    ["https://10.1.2.3/", "private_network"],
    ["http://172.20.0.5/", "private_network"],
    ["http://192.168.1.10/", "private_network"],
    ["http://100.64.0.1/", "private_network"],
    ["http://0.0.0.0/", "private_network"],
    ["http://[::1]/", "private_network"],
    ["http://[fd12:3456::1]/", "private_network"],
    ["http://[fe80::1]/", "private_network"],
    // Documentation, benchmarking and tunnelling ranges are not on the public internet either.
    ["http://192.0.2.10/", "private_network"],
    ["http://198.51.100.20/", "private_network"],
    ["https://203.0.113.7/hook", "private_network"],
    ["http://198.19.0.1/", "private_network"],
    ["http://100.127.255.254/", "private_network"],
    ["http://[2001:db8::1]/", "private_network"],
    ["http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "private_network"], // Teredo
    // 6to4 and NAT64 are judged by the IPv4 address they carry.
    ["http://[2002:7f00:1::1]/", "private_network"], // 6to4 of 127.0.0.1
    ["http://[2002:a9fe:a9fe::]/", "private_network"], // 6to4 of 169.254.169.254
    ["http://[2002:c000:20a::1]/", "private_network"], // 6to4 of 192.0.2.10
    ["http://[64:ff9b::10.0.0.1]/", "private_network"], // NAT64 of 10.0.0.1
    ["http://[64:ff9b::7f00:1]/", "private_network"], // NAT64 of 127.0.0.1
    ["http://[zz]/", "invalid_url"],
  ])("registering %s is refused (%s)", async (url, code) => {
    const res = await s.admin.inject({
      method: "POST",
      url: "/api/v1/admin/webhooks",
      payload: subscription(url),
    });
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe("VALIDATION");
    expect(error.details).toEqual([
      { field: "url", code, message: expect.stringContaining("Địa chỉ webhook") },
    ]);
  });

  it.each([
    "https://93.184.216.34/hook",
    "https://[2606:4700:4700::1111]/hook",
    "https://[2002:5db8:d822::1]/hook", // 6to4 of the public 93.184.216.34
    "https://[64:ff9b::808:808]/hook", // NAT64 of the public 8.8.8.8
  ])("a public address is registered: %s", async (url) => {
    const created = await s.admin.inject({
      method: "POST",
      url: "/api/v1/admin/webhooks",
      payload: subscription(url),
    });
    expect(created.statusCode, created.body).toBe(201);
  });

  it("a public address is registered; editing it to a private one is refused", async () => {
    const created = await s.admin.inject({
      method: "POST",
      url: "/api/v1/admin/webhooks",
      payload: subscription("https://93.184.216.34/hook"),
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await s.admin.inject({
      method: "PUT",
      url: `/api/v1/admin/webhooks/${created.json().id}`,
      payload: subscription("http://[::ffff:a9fe:a9fe]/"),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: "url", code: "private_network" });
  });

  describe("at delivery (DNS rebinding: the resolved address is checked)", () => {
    let hits = 0;
    let port = 0;
    const receiver = createServer((req, res) => {
      hits++;
      req.resume();
      res.writeHead(204).end();
    });
    beforeAll(async () => {
      await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
      port = (receiver.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    /** Stored directly, as a subscription registered before the switch was turned off would be. */
    const deliverTo = async (url: string, allow: "on" | "off") => {
      const { ctx } = s.t;
      const sub = await insertSubscription(ctx.db, {
        ...subscription(url),
        personalData: false,
        active: true,
        secret: `whsec_${"x".repeat(32)}`,
        createdBy: null,
      });
      const deliverer = createWebhookDeliverer({
        ...ctx,
        config: { ...ctx.config, WEBHOOK_ALLOW_PRIVATE_NETWORK: allow },
      });
      return deliverer.deliver({
        outboxId: 1,
        requestId: null,
        requestCode: null,
        kind: "request.received",
        recipient: sub.id,
        subject: null,
        body: "{}",
        dedupeKey: "ssrf-test",
      });
    };

    it("a name that resolves to loopback is refused for good, nothing is sent", async () => {
      const result = await deliverTo(`http://localhost:${port}/hook`, "off");
      expect(result).toEqual({ status: "failed", error: expect.stringContaining("địa chỉ nội bộ") });
      expect(hits).toBe(0);
    });

    it("so is a loopback address stored earlier", async () => {
      const result = await deliverTo(`http://127.0.0.1:${port}/hook`, "off");
      expect(result).toMatchObject({ status: "failed" });
      expect(hits).toBe(0);
    });

    it("with the switch on, the same deliveries go through", async () => {
      expect(await deliverTo(`http://localhost:${port}/hook`, "on")).toMatchObject({ status: "sent" });
      expect(await deliverTo(`http://127.0.0.1:${port}/hook`, "on")).toMatchObject({ status: "sent" });
      expect(hits).toBe(2);
    });
  });
});
