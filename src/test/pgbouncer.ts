import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, spawnCollecting, waitUntilReady } from "./processes.js";

/** Where Debian installs it (.ci/run installs the package when it is missing). */
export const PGBOUNCER = "/usr/sbin/pgbouncer";
export const pgbouncerAvailable = () => existsSync(PGBOUNCER);

export interface PrivateBouncer {
  /** `url` with the bouncer's host and port: the same database, through PgBouncer. */
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * A PgBouncer of the test's own (issue 15): a temp ini, transaction pooling, trust authentication,
 * 127.0.0.1 on a free port, in front of the one database of `url` with only `serverPool` server
 * connections — fewer than the app's pool, so every client connection shares server connections
 * and any session state the app left behind would show.
 */
export async function startPgBouncer(url: string, serverPool = 2): Promise<PrivateBouncer> {
  const target = new URL(url);
  const dbName = target.pathname.slice(1);
  const user = decodeURIComponent(target.username) || "postgres";
  const dir = await mkdtemp(path.join(tmpdir(), "pgbouncer-"));
  const port = await freePort();
  const ini = [
    "[databases]",
    `${dbName} = host=${target.hostname} port=${target.port || 5432} dbname=${dbName}`,
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    "unix_socket_dir =",
    "auth_type = trust",
    `auth_file = ${path.join(dir, "users.txt")}`,
    "pool_mode = transaction",
    `default_pool_size = ${serverPool}`,
    "max_client_conn = 200",
    "ignore_startup_parameters = extra_float_digits",
    "log_connections = 0",
    "log_disconnections = 0",
    // PgBouncer refuses to run as root; as root (CI) it switches to the postgres account.
    ...(process.getuid?.() === 0 ? ["user = postgres"] : []),
    "",
  ].join("\n");
  await writeFile(path.join(dir, "pgbouncer.ini"), ini);
  await writeFile(path.join(dir, "users.txt"), `"${user}" ""\n`);
  await chmod(dir, 0o755);
  const started = spawnCollecting(PGBOUNCER, [path.join(dir, "pgbouncer.ini")]);
  const { child, exited } = started;
  await waitUntilReady(started, {
    name: "pgbouncer",
    notReady: `did not listen on ${port}`,
    waitMs: 15_000,
    pauseMs: 100,
    ready: () =>
      new Promise<boolean>((resolve) => {
        const s = connect(port, "127.0.0.1", () => {
          s.destroy();
          resolve(true);
        });
        s.on("error", () => resolve(false));
      }),
  });
  const through = new URL(url);
  through.hostname = "127.0.0.1";
  through.port = String(port);
  return {
    url: through.toString(),
    output: started.output,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGINT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
