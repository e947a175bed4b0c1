/** Reads one environment variable; a missing required one stops the adapter with its name. */
export function env(name: string, fallback?: string): string {
  const v = process.env[name];
  if (v !== undefined && v !== "") return v;
  if (fallback !== undefined) return fallback;
  console.error(`Thiếu biến môi trường ${name} (missing ${name}); see docs/phone-adapters.md`);
  process.exit(2);
}

/** "201=operator,202=focal" → { "201": "operator", "202": "focal" }. */
export function pairs(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(",")
      .map((p) => p.split("=").map((s) => s.trim()))
      .filter((p): p is [string, string] => p.length === 2 && Boolean(p[0]) && Boolean(p[1])),
  );
}

/** Stops cleanly on SIGINT/SIGTERM. */
export function onShutdown(close: () => Promise<void>): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void close().finally(() => process.exit(0));
    });
  }
}
