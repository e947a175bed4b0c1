import { signPayload } from "../../../shared/signature.js";

/**
 * Commands to the PBX adapter (docs/phone.md): `POST {CTI_ADAPTER_URL}/calls/{callId}/transfer`
 * and `POST {CTI_ADAPTER_URL}/calls` (a callback), JSON signed like the events it sends us
 * (X-CTI-Timestamp, X-CTI-Signature with CTI_SECRET). The adapter answers 202 and reports the
 * outcome later as an event.
 */
export interface CtiCommandResult {
  ok: boolean;
  error: string | null;
}

export async function sendCtiCommand(
  config: { CTI_ADAPTER_URL?: string; CTI_SECRET?: string },
  path: string,
  body: Record<string, unknown>,
  nowMs: number = Date.now(),
): Promise<CtiCommandResult> {
  if (!config.CTI_ADAPTER_URL || !config.CTI_SECRET) {
    return { ok: false, error: "Chưa cấu hình tổng đài (CTI_ADAPTER_URL, CTI_SECRET)." };
  }
  const raw = JSON.stringify(body);
  const timestamp = Math.floor(nowMs / 1000);
  const url = new URL(path.replace(/^\//, ""), config.CTI_ADAPTER_URL.replace(/\/?$/, "/"));
  try {
    const res = await fetch(url, {
      method: "POST",
      redirect: "error",
      signal: AbortSignal.timeout(10_000),
      headers: {
        "content-type": "application/json",
        "x-cti-timestamp": String(timestamp),
        "x-cti-signature": signPayload(config.CTI_SECRET, timestamp, raw),
      },
      body: raw,
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status === 202) return { ok: true, error: null };
    return { ok: false, error: `Tổng đài trả lời HTTP ${res.status}.` };
  } catch (error) {
    return {
      ok: false,
      error: `Không kết nối được tổng đài: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
