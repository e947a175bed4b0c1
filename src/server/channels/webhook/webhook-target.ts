import { type LookupAddress, lookup } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Where an outbound webhook may go (SSRF guard): never to this host, the office network, the cloud
 * metadata service or any other address that is not on the public internet. A URL is checked when
 * an administrator registers it and again at every delivery, on the address its name resolves to
 * then (a name that resolved to a public address at registration may point inward later: DNS
 * rebinding). `WEBHOOK_ALLOW_PRIVATE_NETWORK=on` (the default outside production) lifts both checks.
 */
const privateNetworks = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, the metadata service 169.254.169.254
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation (TEST-NET-1)
  ["192.88.99.0", 24], // 6to4 relay anycast (deprecated tunnelling)
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation (TEST-NET-2)
  ["203.0.113.0", 24], // documentation (TEST-NET-3)
  ["224.0.0.0", 3], // multicast, reserved, broadcast
] as const) {
  privateNetworks.addSubnet(network, prefix, "ipv4");
}
// 6to4 (2002::/16) and NAT64 (64:ff9b::/96) are not listed: they carry an IPv4 address, checked
// instead (embeddedIpv4), so a public host behind them stays reachable and an inward one does not.
for (const [network, prefix] of [
  ["::", 96], // unspecified, loopback ::1 and the deprecated IPv4-compatible ::a.b.c.d
  ["::ffff:0:0:0", 96], // IPv4-translated (SIIT)
  ["64:ff9b:1::", 48], // NAT64 for local use (RFC 8215): its IPv4 may be any private network
  ["100::", 64], // discard-only
  ["2001::", 32], // Teredo: a tunnel whose client address is obfuscated, refused whole
  ["2001:2::", 48], // benchmarking
  ["2001:db8::", 32], // documentation
  ["3fff::", 20], // documentation (RFC 9637)
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  privateNetworks.addSubnet(network, prefix, "ipv6");
}

/** The IPv4 address a 6to4 (2002:AABB:CCDD::/48) or NAT64 (64:ff9b::A.B.C.D) address carries. */
function embeddedIpv4(address: string): string | undefined {
  if (!ipaddr.IPv6.isValid(address)) return undefined;
  const b = ipaddr.IPv6.parse(address).toByteArray(); // a zone id is accepted and ignored
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6).join(".");
  const nat64 = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
  if (nat64.every((byte, i) => b[i] === byte)) return b.slice(12, 16).join(".");
  return undefined;
}

/**
 * Whether an IP address (v4 or v6) is not on the public internet: an IPv4-mapped v6 address counts
 * as its v4, and so does the IPv4 address a 6to4 or NAT64 address carries.
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return privateNetworks.check(address, "ipv4");
  const ipv4 = embeddedIpv4(address);
  if (ipv4 !== undefined) return privateNetworks.check(ipv4, "ipv4");
  return privateNetworks.check(address.replace(/%.*$/, ""), "ipv6");
}

/** Why a webhook URL is refused: the `code` of the 400's detail on the `url` field. */
export type WebhookTargetRefusal = "invalid_url" | "private_network";

/**
 * Checks a URL without resolving it: http(s) only, and a host that is neither a private address
 * (in any spelling the URL parser accepts: `0x7f000001`, `2130706433`, `[::ffff:127.0.0.1]`) nor
 * `localhost`. A name is checked on what it resolves to, at delivery (`guardedLookup`); with
 * `namesResolvedLater` (a delivery) only addresses are checked here, as node connects to an
 * address without a look-up.
 */
export function webhookTargetRefusal(
  url: string,
  namesResolvedLater = false,
): WebhookTargetRefusal | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "invalid_url";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "invalid_url";
  const host = parsed.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (!namesResolvedLater && (host === "localhost" || host.endsWith(".localhost"))) return "private_network";
  return isPrivateAddress(host) ? "private_network" : undefined;
}

/** The Vietnamese explanation of a refusal, shown beside the URL field. */
export const webhookTargetMessages: Record<WebhookTargetRefusal, string> = {
  invalid_url: "Địa chỉ webhook không hợp lệ: phải là một địa chỉ http:// hoặc https://.",
  private_network:
    "Địa chỉ webhook trỏ tới mạng nội bộ hoặc dải địa chỉ dành riêng (máy chủ này, mạng riêng, link-local, dịch vụ metadata, dải dành cho tài liệu, thử nghiệm hoặc đường hầm): không được phép.",
};

/** The error a refused resolution fails the connection with; the outbox records it. */
export class PrivateNetworkError extends Error {
  readonly code = "EPRIVATENETWORK";
  constructor(hostname: string, address: string) {
    super(`${hostname} trỏ tới địa chỉ nội bộ ${address}: không gửi webhook.`);
    this.name = "PrivateNetworkError";
  }
}

/**
 * `dns.lookup` for node:http(s): resolves every address of the name and refuses the connection
 * when any of them is private, so the check holds for the address actually connected to.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const inward = addresses.find((a) => isPrivateAddress(a.address));
    if (inward) return callback(new PrivateNetworkError(hostname, inward.address), "", 0);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first)
      return callback(Object.assign(new Error(`${hostname}: no address`), { code: "ENOTFOUND" }), "", 0);
    callback(null, first.address, first.family);
  });
};
