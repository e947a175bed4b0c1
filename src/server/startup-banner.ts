import type { NetworkInterfaceInfo } from "node:os";
import { ADMIN_PASSWORD_VARIABLE, FIRST_ADMIN_COMMAND } from "../shared/first-run.js";
import type { UnconfiguredChannel } from "./channels/settings.js";

/**
 * Non-loopback IPv4 addresses of this machine: where a phone on the same Wi-Fi reaches the server
 * when it listens on every interface (HOST=0.0.0.0).
 */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  return Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === "IPv4" && !i.internal)
    .map((i) => i.address);
}

export interface StartupFacts {
  port: number;
  host: string;
  lan: string[];
  database: string;
  apiDocs: boolean;
  needsFirstAdministrator: boolean;
  unconfigured: UnconfiguredChannel[];
}

const channelLabel: Record<UnconfiguredChannel["channel"], string> = {
  email: "Email",
  facebook: "Facebook Messenger",
  zalo: "Zalo OA",
  sms: "SMS (người gọi 1022)",
};

/**
 * What `npm start` prints for a person (issue 18.9): the portal, console and API addresses each on
 * its own line, the database, channels that are not configured (once), and on a first run the
 * exact command that creates the first administrator (issue 18.7).
 */
export function startupLines(f: StartupFacts): string[] {
  const everywhere = f.host === "0.0.0.0" || f.host === "::";
  const local = everywhere || f.host === "127.0.0.1" || f.host === "::1" ? "localhost" : f.host;
  const bases = [
    `http://${local}:${f.port}`,
    ...(everywhere ? f.lan.map((a) => `http://${a}:${f.port}`) : []),
  ];
  const lines = ["", "Tổng đài 1022 đang chạy / is running", ""];
  const row = (label: string, path: string) =>
    bases.forEach((b, i) => {
      lines.push(`  ${i === 0 ? label.padEnd(26) : "".padEnd(26)}${b}${path}`);
    });
  row("Cổng thông tin (portal)", "/");
  row("Bàn làm việc (console)", "/console/");
  row("API", "/api/v1/");
  if (f.apiDocs) row("Tài liệu API (docs)", "/api/docs");
  lines.push("", `  ${"Cơ sở dữ liệu".padEnd(26)}${f.database}`);
  if (f.unconfigured.length > 0) {
    lines.push("", "  Kênh chưa cấu hình (not configured) — tin nhắn chờ trong hàng đợi đến khi cấu hình:");
    for (const c of f.unconfigured)
      lines.push(`    - ${channelLabel[c.channel]}: thiếu ${c.missing.join(", ")}`);
  }
  if (f.needsFirstAdministrator) {
    lines.push(
      "",
      "  Chưa có tài khoản quản trị nào (no administrator yet). Tạo tài khoản đầu tiên bằng lệnh:",
      "",
      `    ${FIRST_ADMIN_COMMAND}`,
      "",
      `  Mật khẩu được hỏi mà không hiện lên màn hình, hoặc đọc từ biến môi trường ${ADMIN_PASSWORD_VARIABLE}.`,
    );
  }
  lines.push("");
  return lines;
}
