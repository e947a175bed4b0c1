import { createHash } from "node:crypto";

/**
 * Fetching a call recording from the PBX side (docs/phone.md): only from hosts on the allowlist
 * (`CTI_RECORDING_HOSTS`, host or host:port), redirects followed only to allowed hosts, at most
 * `maxBytes`, and the bytes must hash to the announced sha256.
 */
export type RecordingFetch =
  | { status: "ok"; content: Buffer }
  /** Will not succeed by retrying: not allowed, too big, wrong hash, not found. */
  | { status: "refused"; error: string }
  /** The host is down or answered 5xx/429: try again later. */
  | { status: "retry"; error: string };

export function parseHostList(setting: string): string[] {
  return setting
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

/** Whether the URL's host (or host:port) is on the list; only http and https. */
export function hostAllowed(url: string, allowed: string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
  if (parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  const port = parsed.port || (parsed.protocol === "https:" ? "443" : "80");
  return allowed.some((a) => a === host || a === `${host}:${port}`);
}

const MAX_REDIRECTS = 3;

export async function fetchRecording(
  url: string,
  expected: { sha256: string; bytes: number },
  options: { allowedHosts: string[]; maxBytes: number; timeoutMs?: number },
): Promise<RecordingFetch> {
  if (expected.bytes > options.maxBytes) {
    return { status: "refused", error: `Tệp ghi âm quá lớn (${expected.bytes} byte).` };
  }
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!hostAllowed(current, options.allowedHosts)) {
      return { status: "refused", error: `Máy chủ không nằm trong danh sách cho phép: ${safeHost(current)}` };
    }
    let res: Response;
    try {
      res = await fetch(current, {
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      return {
        status: "retry",
        error: error instanceof Error ? (error.cause ? String(error.cause) : error.message) : String(error),
      };
    }
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      const location = res.headers.get("location");
      if (!location)
        return { status: "refused", error: `Chuyển hướng không có địa chỉ (HTTP ${res.status}).` };
      current = new URL(location, current).toString();
      continue;
    }
    if (res.status >= 500 || res.status === 429 || res.status === 408) {
      await res.body?.cancel();
      return { status: "retry", error: `HTTP ${res.status}` };
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      return { status: "refused", error: `HTTP ${res.status}` };
    }
    const length = Number(res.headers.get("content-length") ?? "0");
    if (length > options.maxBytes) {
      await res.body?.cancel();
      return { status: "refused", error: `Tệp ghi âm quá lớn (${length} byte).` };
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const reader = res.body?.getReader();
    try {
      for (;;) {
        const next = reader ? await reader.read() : { done: true as const, value: undefined };
        if (next.done) break;
        total += next.value.length;
        if (total > options.maxBytes) {
          await reader?.cancel().catch(() => undefined);
          return { status: "refused", error: "Tệp ghi âm vượt quá giới hạn dung lượng." };
        }
        chunks.push(Buffer.from(next.value));
      }
    } catch (error) {
      return { status: "retry", error: error instanceof Error ? error.message : String(error) };
    }
    const content = Buffer.concat(chunks);
    const sha256 = createHash("sha256").update(content).digest("hex");
    if (sha256 !== expected.sha256) {
      return { status: "refused", error: "Mã băm sha256 của tệp ghi âm không khớp." };
    }
    return { status: "ok", content };
  }
  return { status: "refused", error: "Quá nhiều lần chuyển hướng." };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(địa chỉ không hợp lệ)";
  }
}
