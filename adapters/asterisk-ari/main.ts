// The Asterisk ARI adapter as a process: `npx tsx adapters/asterisk-ari/main.ts` (docs/phone-adapters.md).
import { env, onShutdown, pairs } from "../common/env.js";
import { startAriAdapter } from "./adapter.js";

const adapter = await startAriAdapter({
  serverUrl: env("CTI_SERVER_URL"),
  secret: env("CTI_SECRET"),
  ari: {
    url: env("ARI_URL", "http://127.0.0.1:8088"),
    user: env("ARI_USER"),
    password: env("ARI_PASSWORD"),
    app: env("ARI_APP", "hotline"),
  },
  port: Number(env("ADAPTER_PORT", "8090")),
  host: env("ADAPTER_HOST", "127.0.0.1"),
  publicUrl: process.env.ADAPTER_PUBLIC_URL || undefined,
  operatorEndpoint: env("ARI_OPERATOR_ENDPOINT", "PJSIP/operators"),
  trunk: env("ARI_TRUNK", "trunk"),
  callerId: env("CTI_CALLER_ID", "1022"),
  agents: pairs(env("ARI_AGENTS", "")),
  transferTimeoutSec: Number(env("TRANSFER_TIMEOUT_SECONDS", "30")),
  log: (line) => console.log(new Date().toISOString(), line),
});
console.log(`ARI adapter listening at ${adapter.url}, posting to ${env("CTI_SERVER_URL")}`);
onShutdown(() => adapter.close());
