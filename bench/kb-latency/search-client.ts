/**
 * The staff searches of bench/kb-latency's restart rows, sent from a process of their own: the bench
 * process holds the dataset and a 100,000-entry index of its own, and its collections would show up
 * as the server's latency. Reads `{ url, cookie, queries }` as JSON on stdin, sends the queries one at
 * a time over one kept-alive connection (as an operator's browser does) and writes the milliseconds of
 * each, as a JSON array, on stdout.
 */
import { Agent, request } from "node:http";

interface Job {
  url: string;
  cookie: string;
  queries: string[];
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function search(job: Job, q: string): Promise<number> {
  const start = performance.now();
  const line = q.replace(/\p{Cc}+/gu, " ");
  const url = new URL(`/api/v1/kb/search?q=${encodeURIComponent(line)}&limit=10`, job.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { cookie: job.cookie } }, (res) => {
      res.on("data", () => {});
      res.on("end", () => {
        if (res.statusCode !== 200) reject(new Error(`search answered ${res.statusCode}`));
        else resolve(performance.now() - start);
      });
    });
    req.on("error", reject);
    req.end();
  });
}

async function main(): Promise<void> {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const job = JSON.parse(input) as Job;
  const times: number[] = [];
  for (const q of job.queries) times.push(await search(job, q));
  agent.destroy();
  process.stdout.write(JSON.stringify(times));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
