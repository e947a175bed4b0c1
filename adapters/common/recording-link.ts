import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Recording links the adapter hands to the server in `call.recording.ready`: `/recordings/<name>?sig=…`,
 * the signature an HMAC of the name with CTI_SECRET, so only the holder of the event can fetch it.
 */
export function recordingSig(secret: string, name: string): string {
  return createHmac("sha256", secret).update(`recording:${name}`).digest("hex");
}

export function recordingUrl(publicUrl: string, secret: string, name: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/recordings/${encodeURIComponent(name)}?sig=${recordingSig(secret, name)}`;
}

export function recordingSigOk(secret: string, name: string, sig: string | null): boolean {
  const expected = Buffer.from(recordingSig(secret, name));
  const given = Buffer.from(sig ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Q.850 cause of a dial that never answered → the transfer result (INTEGRATIONS §4b caveat). */
export function transferResultOfCause(cause: number, dialStatus?: string | null) {
  const byStatus: Record<string, "busy" | "no_answer" | "unreachable" | "failed"> = {
    BUSY: "busy",
    NOANSWER: "no_answer",
    CONGESTION: "unreachable",
    CHANUNAVAIL: "unreachable",
    CANCEL: "failed",
  };
  if (cause === 17) return "busy" as const;
  if (cause === 18 || cause === 19) return "no_answer" as const;
  if (cause === 21) return "rejected" as const;
  if (cause === 1 || cause === 3 || cause === 27 || cause === 34 || cause === 38)
    return "unreachable" as const;
  if (dialStatus && byStatus[dialStatus]) return byStatus[dialStatus];
  // 16 without an answer: the far end never picked up before the timeout.
  if (cause === 16) return "no_answer" as const;
  return "failed" as const;
}

/** Q.850 cause → the hangup cause words of the Zammad generic CTI (INTEGRATIONS §4a). */
export function hangupCauseOf(cause: number): string {
  if (cause === 17) return "busy";
  if (cause === 18 || cause === 19) return "noAnswer";
  if (cause === 1 || cause === 3) return "notFound";
  if (cause === 34 || cause === 38) return "congestion";
  if (cause === 21) return "cancel";
  return "normalClearing";
}
