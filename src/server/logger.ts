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

export function createLogger(config: Pick<Config, "LOG_LEVEL">): Logger {
  return pino({ level: config.LOG_LEVEL, redact: { paths: redact, censor: "[redacted]" } });
}
