import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator } from "playwright-core";

/** The benchmark's command line and its counting of the user's actions (see index.ts). */
export type Ui = "before" | "after";
export type PathName = "A" | "B" | "C";

export const here = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

export interface Args {
  ui: Ui | "both";
  root: string;
  beforeRoot: string;
  runs: number;
  paths: PathName[];
  json?: string;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = {
    ui: "after",
    root: here,
    beforeRoot: path.resolve(here, "../console-before"),
    runs: 3,
    paths: ["A", "B", "C"],
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1] ?? "";
    switch (argv[i]) {
      case "--ui":
        if (value !== "before" && value !== "after" && value !== "both")
          throw new Error("--ui takes before, after or both");
        args.ui = value;
        i++;
        break;
      case "--root":
        args.root = path.resolve(value);
        i++;
        break;
      case "--before-root":
        args.beforeRoot = path.resolve(value);
        i++;
        break;
      case "--runs":
        args.runs = Number(value);
        i++;
        break;
      case "--paths":
        args.paths = value.split(",").filter((p): p is PathName => p === "A" || p === "B" || p === "C");
        i++;
        break;
      case "--json":
        args.json = path.resolve(value);
        i++;
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return args;
}

/** The user's actions, counted as the script performs them. */
export class Actions {
  keys = 0;
  clicks = 0;
  fields = 0;
  async type(target: Locator, text: string): Promise<void> {
    await target.fill(text);
    this.keys += [...text].length;
    this.fields++;
  }
  async press(target: Locator, key: string): Promise<void> {
    await target.press(key);
    this.keys++;
  }
  async click(target: Locator): Promise<void> {
    await target.click();
    this.clicks++;
  }
  async check(target: Locator): Promise<void> {
    await target.check();
    this.clicks++;
  }
}
