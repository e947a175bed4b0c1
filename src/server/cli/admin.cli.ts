import { AppError } from "../../shared/errors.js";
import { configureVietnameseMessages } from "../../shared/zod-messages.js";
import { openAppContext } from "../bootstrap.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { runAdminCommand } from "./admin-commands.js";
import { promptHidden } from "./prompt.js";

// A rejected row or option reads in the same Vietnamese as the server's and the console's messages.
configureVietnameseMessages();

/** `npm run admin -- <command>` on the same database as the server (DATABASE_URL or DATA_DIR). */
async function main(): Promise<number> {
  // backup/restore see the database as it is: no migrations, no reference seed before they look.
  const prepare = !["backup", "restore"].includes(process.argv[2] ?? "");
  const ctx = await openAppContext(loadConfig(), createLogger({ LOG_LEVEL: "warn" }), {
    poolSize: 2,
    prepare,
  });
  try {
    return await runAdminCommand(ctx, process.argv.slice(2), (line) => console.log(line), {
      env: process.env,
      prompt: process.stdin.isTTY ? promptHidden : undefined,
    });
  } finally {
    await ctx.database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof AppError ? `${error.code}: ${error.message}` : error);
    process.exit(1);
  },
);
