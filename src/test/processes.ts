import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { scratchDatabase } from "./scratch-database.js";

/**
 * Real server processes for the multi-process and fault tests (issue 15): `node --import tsx
 * src/server/main.ts`, as deployed, each its own pid, on one PostgreSQL database made for the test.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// An empty TEST_DATABASE_URL (the embedded-database pass of .ci/run) means "not set": these tests need a server.
export const ADMIN_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

/** A scratch database on the test server (scratch-database.ts). */
export function createDatabaseFor(prefix: string, adminUrl = ADMIN_URL) {
  return scratchDatabase(prefix, adminUrl);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** A child process, and everything it writes (stdout and stderr) as it goes. */
export interface CollectedProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
}

export function spawnCollecting(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): CollectedProcess {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const collect = (d: Buffer) => {
    out += d.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/**
 * Asks `ready` every `pauseMs` until it says yes. Throws with the process's output when it exits
 * first, or when `waitMs` passes (then it is killed): "<name> exited with …", "<name> <notReady>".
 */
export async function waitUntilReady(
  { child, output }: CollectedProcess,
  wait: { name: string; notReady: string; waitMs: number; pauseMs: number; ready: () => Promise<boolean> },
): Promise<void> {
  const deadline = Date.now() + wait.waitMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${wait.name} exited with ${child.exitCode}:\n${output()}`);
    if (await wait.ready()) return;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${wait.name} ${wait.notReady}:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, wait.pauseMs));
  }
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote (stdout and stderr). */
  output(): string;
  /** SIGTERM (drain) and wait for the exit; SIGKILL after `ms`. */
  stop(ms?: number): Promise<number | null>;
  kill(): Promise<void>;
}

export async function startServerProcess(
  env: Record<string, string>,
  options: { port?: number; waitMs?: number } = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const started = spawnCollecting(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
      PORT: String(port),
      ...env,
    },
  });
  const { child, exited } = started;
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(started, {
    name: "server",
    notReady: "did not answer in time",
    waitMs: options.waitMs ?? 90_000,
    pauseMs: 200,
    ready: () =>
      fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      ),
  });
  return {
    url,
    port,
    child,
    output: started.output,
    async stop(ms = 20_000) {
      if (child.exitCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), ms);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}
