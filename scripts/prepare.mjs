// Shared by `npm start` and `npm test` on a fresh clone: install dependencies from the lockfile when
// they are missing, and build the web assets when they are missing or older than their sources.
// Plain Node, no dependencies, so it works before `npm ci` has run.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

export function run(command, args, env = process.env) {
  console.log(`> ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
    env,
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

export function ensureInstalled() {
  if (!existsSync(join(root, "node_modules", ".bin", "tsx"))) run(npm, ["ci", "--no-audit", "--no-fund"]);
}

export function ensureBuilt() {
  // Build inputs besides src/web: the shared schemas the console imports and the build configuration.
  const sources = Math.max(
    newest(join(root, "src", "web")),
    newest(join(root, "src", "shared")),
    ...["vite.console.config.ts", "package-lock.json"].map((f) =>
      existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0,
    ),
  );
  const built = existsSync(join(root, "dist", "console", "index.html")) ? newest(join(root, "dist")) : 0;
  // NODE_ENV=production whatever the caller runs under (Vitest sets "test"): React's production build.
  if (built === 0 || built < sources) run(npm, ["run", "build"], { ...process.env, NODE_ENV: "production" });
  else console.log("Web assets are up to date (dist/).");
}

export const bin = (name) =>
  join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);
