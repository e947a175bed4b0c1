import { readdirSync, readFileSync } from "node:fs";
import autocannon from "autocannon";
import { freshDatabase, startServer } from "../lib/server.js";
const ticks = (pid: number) => { try { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" "); return Number(f[11]) + Number(f[12]); } catch { return 0; } };
const pgTicks = () => readdirSync("/proc").filter((d) => /^\d+$/.test(d)).reduce((s, d) => { try { return readFileSync(`/proc/${d}/comm`, "utf8").startsWith("postgres") ? s + ticks(Number(d)) : s; } catch { return s; } }, 0);
const sysTicks = () => { const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number); return { busy: f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!, all: f.reduce((a, b) => a + b, 0) }; };
const db = await freshDatabase("probe");
const server = await startServer({ DATABASE_URL: db.url, NODE_ENV: "development", CAPTCHA: "off", PUBLIC_RATE_LIMIT: "100000000", LOG_LEVEL: "warn" });
try {
  const res = await fetch(`${server.url}/api/v1/public/requests`, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ fullName: "Nguyễn Văn An", phone: "0912345678", address: "Thôn 3", content: "Xin hỏi về tiêm phòng cho gia đình tôi.", field: "y-te-xet-nghiem-tiem-phong" }) });
  const { code } = await res.json() as { code: string };
  const targets: Record<string, string> = { follow: `/api/v1/public/requests/${code}?phone=0912345678`, hoidap: "/hoi-dap", health: "/healthz" };
  for (const name of (process.env.T ?? "follow").split(",")) {
    const url = server.url + targets[name];
    let i = 0;
    const s0 = ticks(server.pid), p0 = pgTicks(), m0 = process.cpuUsage(), y0 = sysTicks();
    const r = await autocannon({ url, connections: 64, duration: Number(process.env.S ?? 8), requests: [{ method: "GET", setupRequest: (req) => ({ ...req, headers: { ...req.headers, "x-forwarded-for": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i++ & 255}` } }) }] });
    const m = process.cpuUsage(m0), y1 = sysTicks();
    const secs = r.duration;
    console.log(`${name}: ${(r["2xx"] / secs).toFixed(0)} req/s p50 ${r.latency.p50} p99 ${r.latency.p99} non2xx ${r.non2xx} | CPU (cores): server ${((ticks(server.pid) - s0) / 100 / secs).toFixed(2)} postgres ${((pgTicks() - p0) / 100 / secs).toFixed(2)} loadgen ${((m.user + m.system) / 1e6 / secs).toFixed(2)} machine ${(2 * (y1.busy - y0.busy) / (y1.all - y0.all)).toFixed(2)}/2`);
  }
} finally { await server.stop(); await db.drop(); }
