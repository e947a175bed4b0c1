import { z } from "zod";

/** Environment parsed once; nothing else in the server reads process.env. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default("./data"),
  /** Connections to PostgreSQL (ignored for the embedded database). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(32),
  /**
   * Where the LISTEN connection of the process relay goes (issue 15): PostgreSQL itself or a
   * session-mode pool. Defaults to DATABASE_URL; set it when DATABASE_URL is PgBouncer in transaction mode.
   */
  LISTEN_DATABASE_URL: z.string().url().optional(),
  /**
   * "off" behind a pooler that does not keep named prepared statements per client — PgBouncer in
   * transaction mode before 1.21, or without max_prepared_statements: the hot statements (intake,
   * follow look-ups) are then planned on every call instead of once per connection.
   */
  DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"]).default("on"),
  /** Longest wait for a PostgreSQL connection, then 503 (issue 15). */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** Longest wait for a query's answer, then 503 (client-side: holds through PgBouncer). */
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  /** How long SIGTERM waits for requests in flight (and batched intake) before exiting anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(20_000),
  /** `npm start` with WORKERS=N runs N server processes on one port (node:cluster, issue 15); 1 = no cluster. */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** Public submissions per client address per hour. */
  PUBLIC_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  CAPTCHA: z.enum(["on", "off"]).default("on"),
  /** Sign-in attempts per client address per minute (on top of the progressive delay, docs/security.md). */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  /**
   * Which proxies may set X-Forwarded-For (the client address rate limits count by): "loopback"
   * (a reverse proxy on the same host), "false" (clients connect directly), "true" (any — only
   * behind a proxy that always overwrites the header), or a comma-separated list of addresses/CIDRs.
   */
  TRUST_PROXY: z.string().default("loopback"),
  /** A staff session ends after this many minutes without a request (ASVS V7.3.1). */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** …and this many hours after sign-in whatever happens (ASVS V7.3.2): one operator shift. */
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Serve the API description (/api/docs, /api/openapi.json): by default everywhere but production. */
  API_DOCS: z.enum(["on", "off"]).optional(),
  /** Write the log to this file (appended) instead of standard output. */
  LOG_FILE: z.string().optional(),
  /** Secret for signing session cookies and captcha challenges; generated per process when unset. */
  SESSION_SECRET: z.string().min(32).optional(),
  /** Public base URL used in links sent to requesters. */
  PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  FACEBOOK_APP_SECRET: z.string().optional(),
  FACEBOOK_VERIFY_TOKEN: z.string().optional(),
  FACEBOOK_PAGE_TOKEN: z.string().optional(),
  FACEBOOK_GRAPH_URL: z.string().url().default("https://graph.facebook.com/v21.0"),
  ZALO_APP_ID: z.string().optional(),
  ZALO_OA_SECRET_KEY: z.string().optional(),
  /** App secret key (not the OA secret key): the `secret_key` header of the OAuth token refresh. */
  ZALO_APP_SECRET: z.string().optional(),
  ZALO_ACCESS_TOKEN: z.string().optional(),
  ZALO_REFRESH_TOKEN: z.string().optional(),
  ZALO_API_URL: z.string().url().default("https://openapi.zalo.me"),
  ZALO_OAUTH_URL: z.string().url().default("https://oauth.zaloapp.com"),
  // SMS to phone callers (INTEGRATIONS §6, docs/phone-adapters.md): an HTTP brandname gateway.
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_API_KEY: z.string().optional(),
  /** The gateway's second credential where it has one (eSMS SecretKey). */
  SMS_SECRET_KEY: z.string().optional(),
  /** The registered brandname the message comes from. */
  SMS_SENDER: z.string().max(11).default("TONGDAI1022"),
  /** "on": Vietnamese with diacritics (UCS-2, 70 characters a segment); "off": plain GSM-7 (160). */
  SMS_DIACRITICS: z.enum(["on", "off"]).default("off"),
  /** An SMS never takes more segments than this; longer texts are shortened, never their code or link. */
  SMS_MAX_SEGMENTS: z.coerce.number().int().min(1).max(10).default(2),
  /** The shared token the gateway's delivery reports carry (`?token=` or `Authorization: Bearer`). */
  SMS_DLR_TOKEN: z.string().min(16).optional(),
  IMAP_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Tổng đài 1022 <1022@thanhhoa.gov.vn>"),
  /** Send obligation reminders (Art. 13.1) outside working hours too; by default they wait for office hours. */
  /** Issue 19: how far back (days) duplicate suggestions look for open requests asking the same thing. */
  DUPLICATE_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  REMINDERS_OUTSIDE_WORKING_HOURS: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  // The switchboard (issue 12, docs/phone.md).
  /** Shared secret of the PBX adapter: signs its events to us and our commands to it (X-CTI-Signature). */
  CTI_SECRET: z.string().min(16).optional(),
  /** Token in the URL of the Zammad-compatible generic CTI form (POST /api/v1/cti/generic?token=…). */
  CTI_GENERIC_TOKEN: z.string().min(16).optional(),
  /** Where the PBX adapter takes commands (transfer, callback), e.g. http://127.0.0.1:8090. */
  CTI_ADAPTER_URL: z.string().url().optional(),
  /** Hosts recordings may be fetched from: host or host:port, comma-separated; nothing else is fetched. */
  CTI_RECORDING_HOSTS: z.string().default(""),
  /** Largest recording fetched (bytes); a bigger one is refused. */
  CTI_RECORDING_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024),
  /**
   * Outbound webhooks to this host or a private, link-local or metadata address (webhook-target.ts):
   * by default allowed everywhere but production, where such a URL is refused.
   */
  WEBHOOK_ALLOW_PRIVATE_NETWORK: z.enum(["on", "off"]).optional(),
  // Periodic reports (Decree 30/2020/NĐ-CP layout): the issuing body, its parent, the place line.
  REPORT_PARENT: z.string().default("UBND TỈNH THANH HÓA"),
  REPORT_ISSUER: z.string().default("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH THANH HÓA"),
  REPORT_PLACE: z.string().default("Thanh Hóa"),
  REPORT_SIGNER_TITLE: z.string().default("GIÁM ĐỐC"),
});

export type Config = z.infer<typeof envSchema>;

/** An on/off setting that, unset, is on everywhere but production. */
const onOutsideProduction = (setting: "on" | "off" | undefined, env: Config["NODE_ENV"]) =>
  setting ? setting === "on" : env !== "production";

export function apiDocsEnabled(config: Pick<Config, "API_DOCS" | "NODE_ENV">): boolean {
  return onOutsideProduction(config.API_DOCS, config.NODE_ENV);
}

export function webhookPrivateNetworkAllowed(
  config: Pick<Config, "WEBHOOK_ALLOW_PRIVATE_NETWORK" | "NODE_ENV">,
): boolean {
  return onOutsideProduction(config.WEBHOOK_ALLOW_PRIVATE_NETWORK, config.NODE_ENV);
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** A configuration for tests: embedded in-memory database, no captcha, generous limits. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      NODE_ENV: "test",
      CAPTCHA: "off",
      PUBLIC_RATE_LIMIT: "100000",
      LOGIN_RATE_LIMIT: "100000",
      LOG_LEVEL: "silent",
    }),
    ...overrides,
  };
}
