#!/usr/bin/env node
// `npm start` on a fresh clone: install dependencies when missing, build the web assets when they
// are missing or older than their sources, then run the server. Plain Node, no dependencies, so it
// works before `npm ci` has run.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(command, args) {
  console.log(`> ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Newest modification time of any file under `dir` (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    if (time > latest) latest = time;
  }
  return latest;
}

if (!existsSync(join(root, "node_modules"))) run(npm, ["ci"]);

// Build inputs besides src/web: the shared schemas the console imports and the build configuration.
const sources = Math.max(
  newest(join(root, "src", "web")),
  newest(join(root, "src", "shared")),
  ...["vite.console.config.ts", "package-lock.json"].map((f) =>
    existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0,
  ),
);
const built = existsSync(join(root, "dist", "console", "index.html")) ? newest(join(root, "dist")) : 0;
if (built === 0 || built < sources) run(npm, ["run", "build"]);
else console.log("Web assets are up to date (dist/).");

const tsx = join(root, "node_modules", ".bin", process.platform === "win32" ? "tsx.cmd" : "tsx");
const server = spawnSync(tsx, ["src/server/main.ts"], {
  cwd: root,
  stdio: "inherit",
  shell: process.platform === "win32",
});
process.exit(server.status ?? 0);
