/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof; BENCH_CPU_PROF for the benchmarks' server) and prints
 * the functions with the most self time, then the same summed by file, so "where does the time go"
 * is one command: `npx tsx bench/lib/cpu-profile.ts FILE.cpuprofile [TOP] [FROM TO]`.
 * FROM TO (seconds since the profile started) keep only the samples of that window — one target of
 * a bench run; `--seconds` prints instead how busy the process was in each second, to find them.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, fromArg, toArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: tsx bench/lib/cpu-profile.ts FILE.cpuprofile [TOP]");
  process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
function byIdOf(id: number): ProfileNode | undefined {
  return byId.get(id);
}
const selfUs = new Map<number, number>();
// Each sample's time in seconds since the profile started.
let clock = 0;
const at = profile.timeDeltas.map((d) => {
  clock += d;
  return clock / 1e6;
});
if (topArg === "--seconds") {
  const busy = new Map<number, [number, number]>();
  profile.samples.forEach((id, i) => {
    const s = Math.floor(at[i] ?? 0);
    const e = busy.get(s) ?? [0, 0];
    e[1] += profile.timeDeltas[i] ?? 0;
    if (byIdOf(id)?.callFrame.functionName !== "(idle)") e[0] += profile.timeDeltas[i] ?? 0;
    busy.set(s, e);
  });
  for (const [s, [b, all]] of busy) console.log(`${s} s: busy ${((100 * b) / all).toFixed(0)} %`);
  process.exit(0);
}
const from = Number(fromArg ?? 0);
const to = Number(toArg ?? Number.POSITIVE_INFINITY);
profile.samples.forEach((id, i) => {
  if ((at[i] ?? 0) < from || (at[i] ?? 0) > to) return;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const shortUrl = (url: string) =>
  url.replace(/^file:\/\/.*?node_modules\//, "~/").replace(/^file:\/\/.*?\/src\//, "src/");
function tally(keyOf: (n: ProfileNode) => string): [string, number][] {
  const sums = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const key = keyOf(node);
    sums.set(key, (sums.get(key) ?? 0) + us);
  }
  return [...sums].sort((a, b) => b[1] - a[1]).slice(0, top);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;

console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
console.log("\nself time by function");
for (const [key, us] of tally(
  (n) =>
    `${n.callFrame.functionName || "(anonymous)"}  ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`,
))
  console.log(`${pct(us)}  ${key}`);
console.log("\nself time by file (or package)");
for (const [key, us] of tally((n) => {
  const url = shortUrl(n.callFrame.url);
  return url.startsWith("~/")
    ? url
        .split("/")
        .slice(0, url.split("/")[1]?.startsWith("@") ? 3 : 2)
        .join("/")
    : url || n.callFrame.functionName;
}))
  console.log(`${pct(us)}  ${key}`);
