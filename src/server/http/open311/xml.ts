/**
 * A small XML writer for the Open311 documents (GeoReport v2 requires XML): plain objects and
 * arrays become elements, text is escaped, characters XML 1.0 forbids are dropped. An array's
 * items are named by the element's singular (`ITEM_NAMES`), as the spec's documents do
 * (`<attributes><attribute>…`, `<values><value>…`, `<formats><format>…`).
 */
const ITEM_NAMES: Record<string, string> = {
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
};

export function escapeXml(text: string): string {
  return (
    text
      // XML 1.0 allows tab, LF, CR and U+0020 up (no lone surrogates, no U+FFFE/U+FFFF).
      .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? "item";
    return `<${name}>${value.map((v) => element(item, v)).join("")}</${name}>`;
  }
  if (typeof value === "object") {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join("");
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<root><item>…</item>…</root>` for a list, `<root>…</root>` for one object. */
export function toXml(root: string, value: unknown, item?: string): string {
  const body = Array.isArray(value)
    ? `<${root}>${value.map((v) => element(item ?? "item", v)).join("")}</${root}>`
    : element(root, value);
  return `<?xml version="1.0" encoding="utf-8"?>\n${body}`;
}
