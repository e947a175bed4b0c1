import { readFileSync } from "node:fs";
import { demoRequestData } from "../server/demo/request.demo-data.js";

/**
 * `npm run check:logs -- FILE`: greps a log written by a test run for personal data (issue 14).
 * Run the suite with TEST_LOG_FILE=FILE (every test app then logs at debug level to FILE), then
 * this: it fails, printing the lines, when the log holds a demo requester's name, phone (in the
 * 0…, +84… and 84… spellings), address or email, a test fixture's personal data, or anything
 * shaped like a Vietnamese mobile number or an e-mail address.
 */
const fixtures = ["Nguyễn Văn An", "0987654321", "Quảng Phú", "Trịnh Thị Bích Ngọc", "0912345678"];

function needles(): string[] {
  const out = new Set<string>(fixtures);
  for (const r of demoRequestData) {
    for (const v of [r.name, r.address, r.email]) if (v && v.length >= 6) out.add(v);
    out.add(r.phone);
    out.add(`+84${r.phone.slice(1)}`);
  }
  return [...out];
}

const phoneShaped = /(?<![\d\w-])(?:\+?84|0)[35789]\d{8}(?![\d\w-])/;
const emailShaped = /[\w.+-]+@[\w-]+\.[\w.-]+/;

export function findPersonalData(log: string): string[] {
  const list = needles();
  return log
    .split("\n")
    .filter(
      (line) =>
        line && (list.some((n) => line.includes(n)) || phoneShaped.test(line) || emailShaped.test(line)),
    );
}

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run check:logs -- FILE (a log written with TEST_LOG_FILE=FILE)");
  process.exit(2);
}
const hits = findPersonalData(readFileSync(file, "utf8"));
if (hits.length > 0) {
  console.error(`${hits.length} log line(s) with personal data in ${file}:`);
  for (const line of hits.slice(0, 50)) console.error(line.slice(0, 500));
  process.exit(1);
}
console.log(`${file}: no personal data found.`);
