import { createRequire } from "node:module";

type Trust = (address: string, hop: number) => boolean;

/**
 * Fastify's own `@fastify/proxy-addr` (a dependency of Fastify, resolved from Fastify's package so
 * it is the very module Fastify compiles `trustProxy` with): no second copy, no new dependency.
 */
const proxyAddr = createRequire(createRequire(import.meta.url).resolve("fastify"))("@fastify/proxy-addr") as {
  compile(list: string[]): Trust;
};

/** Addresses remembered per process; a header full of made-up addresses only empties the memo. */
const MEMO_SIZE = 1024;

/**
 * `TRUST_PROXY` as Fastify's `trustProxy`: "true", "false", or a comma-separated list of addresses,
 * CIDR ranges and the names `loopback`, `linklocal`, `uniquelocal`. A list is compiled by
 * proxy-addr exactly as Fastify would compile it, and its answer per address remembered:
 * `request.ip` asks it about the socket's address on every request (and about each proxy in
 * `X-Forwarded-For`), and each question parsed the address with ipaddr.js's regular expressions
 * again (≈ 4 % of a cached portal page's CPU, issue 16). A compiled list's answer depends on the
 * address only (not on the hop), so the memo answers the same.
 */
export function trustProxyOf(setting: string): boolean | Trust {
  if (setting === "true") return true;
  if (setting === "false") return false;
  const compiled = proxyAddr.compile(
    setting
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const memo = new Map<string, boolean>();
  return (address, hop) => {
    let trusted = memo.get(address);
    if (trusted === undefined) {
      trusted = compiled(address, hop);
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(address, trusted);
    }
    return trusted;
  };
}
