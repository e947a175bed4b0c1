import { type LookupAddress, lookup } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

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
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 3], // multicast, reserved, broadcast
] as const) {
  privateNetworks.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64 of an IPv4 address
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  privateNetworks.addSubnet(network, prefix, "ipv6");
}

/** Whether an IP address (v4 or v6; an IPv4-mapped v6 address counts as its v4) is not public. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return privateNetworks.check(address, family === 4 ? "ipv4" : "ipv6");
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
    "Địa chỉ webhook trỏ tới mạng nội bộ (máy chủ này, mạng riêng, link-local hoặc dịch vụ metadata): không được phép.",
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
