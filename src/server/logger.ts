import pino, { type Logger } from "pino";
import type { Config } from "./config.js";

/** Secrets and personal data never reach the logs (R-SE2). */
const redact = [
  "req.headers.cookie",
  "req.headers.authorization",
  "req.headers['x-csrf-token']",
  "*.password",
  "*.accessToken",
  "*.refreshToken",
  "*.secret",
];

/**
 * Query values that are personal data (the follow endpoint takes the phone number or email) and
 * follow-link secrets (/theo-doi/<secret>, /api/v1/public/follow/<secret>) never reach the log.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&](?:phone|email|token|hub\.verify_token)=)[^&]*/gi, "$1[redacted]")
    .replace(/^(\/theo-doi\/|\/api\/v1\/public\/follow\/)[^?#]*/, "$1[redacted]");
}

export function createLogger(config: Pick<Config, "LOG_LEVEL">): Logger {
  return pino({
    level: config.LOG_LEVEL,
    redact: { paths: redact, censor: "[redacted]" },
    serializers: {
      req: (req: { method?: string; url?: string; ip?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url ? redactUrl(req.url) : req.url,
        remoteAddress: req.ip,
      }),
    },
  });
}
