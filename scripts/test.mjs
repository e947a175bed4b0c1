#!/usr/bin/env node
// `npm test`: the whole suite — unit, HTTP, channel and browser tests — on the embedded database
// (or on PostgreSQL when TEST_DATABASE_URL is set). Installs and builds first on a fresh clone.
// Extra arguments go to Vitest, e.g. `npm test -- src/server/domain`.
import { spawnSync } from "node:child_process";
import { bin, ensureBuilt, ensureInstalled, root } from "./prepare.mjs";

ensureInstalled();
ensureBuilt();
const result = spawnSync(bin("vitest"), ["run", ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
