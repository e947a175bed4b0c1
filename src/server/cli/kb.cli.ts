import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { AppError } from "../../shared/errors.js";
import { personalDataKindLabels } from "../../shared/personal-data.js";
import { configureVietnameseMessages } from "../../shared/zod-messages.js";
import { openAppContext } from "../bootstrap.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import {
  defaultColumns,
  exportKbFile,
  importKbFile,
  type KbImportSummary,
} from "../services/kb-import.service.js";

const usage = `Cách dùng:
  npm run kb -- import FILE [--delimiter C] [--question COL] [--answer COL] [--external-id COL] [--field COL] [--status draft|published]
  npm run kb -- export FILE [--delimiter C] [--question COL] [--answer COL] [--external-id COL] [--field COL]
FILE: .csv (mọi dấu phân cách, ô nhiều dòng trong ngoặc kép) hoặc .xlsx. Mặc định cột: ${Object.values(defaultColumns).join(", ")}.`;

// A rejected row or option reads in the same Vietnamese as the server's and the console's messages.
configureVietnameseMessages();

/** `npm run kb -- import|export FILE` on the database the server uses (DATABASE_URL or DATA_DIR). */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      delimiter: { type: "string" },
      question: { type: "string", default: defaultColumns.question },
      answer: { type: "string", default: defaultColumns.answer },
      "external-id": { type: "string", default: defaultColumns.externalId },
      field: { type: "string", default: defaultColumns.field },
      status: { type: "string", default: "draft" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, file] = positionals;
  if (values.help || !file || (command !== "import" && command !== "export")) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  if (values.status !== "draft" && values.status !== "published") {
    console.error("--status phải là draft hoặc published");
    return 2;
  }
  const delimiter = values.delimiter === "\\t" ? "\t" : values.delimiter;
  const columns = {
    question: values.question,
    answer: values.answer,
    externalId: values["external-id"],
    field: values.field,
  };
  const ctx = await openAppContext(loadConfig(), createLogger({ LOG_LEVEL: "warn" }), { poolSize: 2 });
  const { database } = ctx;
  try {
    if (command === "export") {
      const n = await exportKbFile(ctx, file, { ...columns, delimiter });
      console.log(`Đã xuất ${n} mục vào ${file}`);
      return 0;
    }
    const bar = new cliProgress.SingleBar(
      { format: "Nhập {bar} {value}/{total} dòng" },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const summary = await importKbFile(
      ctx,
      file,
      { ...columns, delimiter, status: values.status },
      (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
    );
    bar.stop();
    printSummary(summary);
    return 0;
  } finally {
    await database.close();
  }
}

function printSummary(s: KbImportSummary): void {
  console.log(`Tổng số dòng: ${s.total}`);
  console.log(`  Thêm mới: ${s.imported}`);
  console.log(`  Cập nhật theo mã: ${s.updated}`);
  console.log(`  Không đổi: ${s.unchanged}`);
  console.log(`  Bị từ chối: ${s.rejected.length}`);
  for (const r of s.rejected.slice(0, 50)) console.log(`    dòng ${r.row}: ${r.reason}`);
  if (s.rejected.length > 50) console.log(`    … và ${s.rejected.length - 50} dòng khác`);
  if (s.held.length === 0) return;
  console.log(
    `  Giữ lại chờ duyệt (có thể chứa thông tin cá nhân, nhập ở trạng thái đề xuất, chưa công bố): ${s.held.length}`,
  );
  for (const h of s.held.slice(0, 50)) {
    const where = h.findings
      .map(
        (f) =>
          `${personalDataKindLabels[f.kind]} «${f.text}» (${f.field === "question" ? "câu hỏi" : "trả lời"} ${f.start}–${f.end})`,
      )
      .join("; ");
    console.log(`    dòng ${h.row}: ${where}`);
  }
  if (s.held.length > 50) console.log(`    … và ${s.held.length - 50} dòng khác`);
  console.log(
    "  Người duyệt công bố các mục này qua quy trình duyệt, xác nhận từng chỗ không phải thông tin cá nhân.",
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof AppError
        ? `${error.code}: ${error.message}`
        : error instanceof Error
          ? error.message
          : error,
    );
    process.exit(1);
  },
);
