/**
 * Benchmark of the working-time engine (R-HA6, Art. 10.3): one million addWorkingHours calls on
 * random inputs (instants 2020–2035, 0–80 working hours), against a naive minute-by-minute walk
 * run in the same process on the same inputs — a prefix of them, since the walk is far slower.
 * Every naive answer is checked against the engine's. Run: npm run bench:calendar [-- calls seconds]
 */
import { createWorkingCalendar, defaultCalendarConfig } from "../../src/server/domain/calendar/index.js";
import { createNaiveCalendar } from "../../src/test/naive-calendar.js";

const calls = Number(process.argv[2] ?? 1_000_000);
const naiveSeconds = Number(process.argv[3] ?? 3);
const TARGET_RATIO = 200;

// Seeded (mulberry32) so every run measures the same inputs.
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const rand = random(1022);
const minMinute = Date.parse("2020-01-01T00:00:00+07:00") / 60_000;
const maxMinute = Date.parse("2036-01-01T00:00:00+07:00") / 60_000;
// Whole minutes, so the minute-by-minute baseline can answer exactly the same question.
const fromMs = new Float64Array(calls);
const minutes = new Int32Array(calls);
for (let i = 0; i < calls; i++) {
  fromMs[i] = Math.floor(minMinute + rand() * (maxMinute - minMinute)) * 60_000;
  minutes[i] = Math.floor(rand() * (80 * 60 + 1));
}

const calendar = createWorkingCalendar(defaultCalendarConfig);
const naive = createNaiveCalendar(defaultCalendarConfig, calendar);
const input = (i: number) => [fromMs[i] as number, minutes[i] as number] as const;

// Warm-up: builds the year tables (a one-off per year) and lets the JIT settle.
for (let i = 0; i < Math.min(calls, 20_000); i++) {
  const [t, m] = input(i);
  calendar.addWorkingHours(new Date(t), m / 60);
}

// Best of three rounds: the dev box is shared, and a neighbour's burst should not set the figure.
const results = new Float64Array(calls);
let fastSeconds = Number.POSITIVE_INFINITY;
for (let round = 0; round < 3; round++) {
  const began = performance.now();
  for (let i = 0; i < calls; i++) {
    const [t, m] = input(i);
    results[i] = calendar.addWorkingHours(new Date(t), m / 60).getTime();
  }
  fastSeconds = Math.min(fastSeconds, (performance.now() - began) / 1000);
}
const fastRate = calls / fastSeconds;

let naiveCalls = 0;
let mismatches = 0;
const start = performance.now();
while (naiveCalls < calls && performance.now() - start < naiveSeconds * 1000) {
  const [t, m] = input(naiveCalls);
  if (naive.addWorkingMinutes(t, m) !== results[naiveCalls]) mismatches++;
  naiveCalls++;
}
const naiveRate = naiveCalls / ((performance.now() - start) / 1000);
const ratio = fastRate / naiveRate;

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(
  `engine : ${fmt(calls)} addWorkingHours calls in ${fastSeconds.toFixed(2)} s, best of 3 rounds → ${fmt(fastRate)} calls/s`,
);
console.log(
  `naive  : ${fmt(naiveCalls)} minute-by-minute calls (same inputs, first ${fmt(naiveCalls)}) → ${fmt(naiveRate)} calls/s`,
);
console.log(`ratio  : ${fmt(ratio)}× the naive rate (target ≥ ${TARGET_RATIO}×)`);
console.log(
  `agree  : ${mismatches === 0 ? "yes" : "NO"} — ${fmt(naiveCalls - mismatches)}/${fmt(naiveCalls)} deadlines identical`,
);
if (mismatches > 0 || ratio < TARGET_RATIO) process.exitCode = 1;
