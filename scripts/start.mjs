#!/usr/bin/env node
// `npm start`: on a fresh clone installs dependencies and builds the web assets first, then runs
// the server (embedded database under ./data unless DATABASE_URL is set; demo data unless
// NODE_ENV=production).
import { spawn } from "node:child_process";
import { bin, ensureBuilt, ensureInstalled, root } from "./prepare.mjs";

ensureInstalled();
ensureBuilt();
const server = spawn(bin("tsx"), ["src/server/main.ts"], {
  cwd: root,
  stdio: "inherit",
  shell: process.platform === "win32",
});
// SIGTERM/SIGINT to `npm start` reach the server (which drains, and under WORKERS=N passes them to
// every worker); this process exits with the server's status once it has stopped.
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
