import { createRequire } from "node:module";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { trustProxyOf } from "./trust-proxy.js";

const proxyAddr = createRequire(createRequire(import.meta.url).resolve("fastify"))("@fastify/proxy-addr") as {
  compile(list: string[]): (address: string, hop: number) => boolean;
};

const addresses = [
  "127.0.0.1",
  "127.8.9.10",
  "::1",
  "::ffff:127.0.0.1",
  "::ffff:7f00:1",
  "10.1.2.3",
  "192.168.1.20",
  "172.16.0.1",
  "fc00::1",
  "fe80::1%eth0",
  "203.0.113.7",
  "2001:db8::1",
  "0127.0.0.1",
  "not an address",
  "",
];

describe("TRUST_PROXY (issue 16: the answer per address remembered)", () => {
  it.each(["loopback", "loopback, uniquelocal", "10.0.0.0/8,192.168.1.20", "linklocal,::1"])(
    "%s: the same answer as proxy-addr's compiled list, first and second time",
    (setting) => {
      const trust = trustProxyOf(setting) as (address: string, hop: number) => boolean;
      const compiled = proxyAddr.compile(setting.split(",").map((s) => s.trim()));
      for (const round of [1, 2])
        for (const [hop, address] of addresses.entries())
          expect([round, address, trust(address, hop)]).toEqual([round, address, compiled(address, hop)]);
    },
  );

  it("true and false stay booleans; a malformed entry is refused as before", () => {
    expect(trustProxyOf("true")).toBe(true);
    expect(trustProxyOf("false")).toBe(false);
    expect(() => trustProxyOf("loopback,300.1.2.3")).toThrow(/invalid IP address/);
  });

  it("request.ip: the forwarded address behind a trusted proxy only", async () => {
    const ipWith = async (setting: string, remoteAddress: string, xff: string) => {
      const app = Fastify({ trustProxy: trustProxyOf(setting) });
      app.get("/", async (request) => request.ip);
      const res = await app.inject({ url: "/", remoteAddress, headers: { "x-forwarded-for": xff } });
      await app.close();
      return res.body;
    };
    expect(await ipWith("loopback", "127.0.0.1", "203.0.113.7")).toBe("203.0.113.7");
    expect(await ipWith("loopback", "127.0.0.1", "198.51.100.1, 10.0.0.5")).toBe("10.0.0.5");
    expect(await ipWith("loopback,10.0.0.0/8", "127.0.0.1", "198.51.100.1, 10.0.0.5")).toBe("198.51.100.1");
    expect(await ipWith("loopback", "203.0.113.9", "198.51.100.1")).toBe("203.0.113.9");
    expect(await ipWith("false", "127.0.0.1", "198.51.100.1")).toBe("127.0.0.1");
  });
});
