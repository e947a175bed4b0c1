#!/usr/bin/env node
// `npm start`: on a fresh clone installs dependencies and builds the web assets first, then runs
// the server (embedded database under ./data unless DATABASE_URL is set; demo data unless
// NODE_ENV=production).
import { spawnSync } from "node:child_process";
import { bin, ensureBuilt, ensureInstalled, root } from "./prepare.mjs";

ensureInstalled();
ensureBuilt();
const server = spawnSync(bin("tsx"), ["src/server/main.ts"], {
  cwd: root,
  stdio: "inherit",
  shell: process.platform === "win32",
});
process.exit(server.status ?? 0);
