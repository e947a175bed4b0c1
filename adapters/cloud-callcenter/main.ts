// The cloud call-centre adapter as a process: `npx tsx adapters/cloud-callcenter/main.ts` (docs/phone-adapters.md).
import { env, onShutdown, pairs } from "../common/env.js";
import { startCloudAdapter } from "./adapter.js";

const adapter = await startCloudAdapter({
  serverUrl: env("CTI_SERVER_URL"),
  secret: env("CTI_SECRET"),
  port: Number(env("ADAPTER_PORT", "8091")),
  host: env("ADAPTER_HOST", "127.0.0.1"),
  publicUrl: process.env.ADAPTER_PUBLIC_URL || undefined,
  apiUrl: env("CLOUD_API_URL", "https://api.stringee.com"),
  apiKeySid: env("CLOUD_API_KEY_SID"),
  apiKeySecret: env("CLOUD_API_KEY_SECRET"),
  accountSid: process.env.CLOUD_ACCOUNT_SID || undefined,
  webhookToken: env("CLOUD_WEBHOOK_TOKEN"),
  hotlineNumber: env("CLOUD_HOTLINE_NUMBER"),
  operatorUserId: env("CLOUD_OPERATOR_USER", "operators"),
  agents: pairs(env("CLOUD_AGENTS", "")),
  transferTimeoutSec: Number(env("TRANSFER_TIMEOUT_SECONDS", "30")),
  log: (line) => console.log(new Date().toISOString(), line),
});
console.log(`Cloud call-centre adapter listening at ${adapter.url}, posting to ${env("CTI_SERVER_URL")}`);
onShutdown(() => adapter.close());
