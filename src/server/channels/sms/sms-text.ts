import { SegmentedMessage } from "sms-segments-calculator";

/**
 * The words of an SMS to a phone caller (INTEGRATIONS §6): plain Vietnamese that fits the gateway's
 * length rules. With diacritics a message is UCS-2 (70 characters a segment, 67 when split); without,
 * it is stripped to GSM-7 (160 / 153). A message never takes more than `maxSegments`; a long one is
 * shortened deliberately — the free text gives way, word by word, never the request code or a link.
 */
export interface SmsTextOptions {
  diacritics: boolean;
  maxSegments: number;
  /** Base URL of the citizen portal (PUBLIC_URL): where a shortened message sends the reader. */
  publicUrl: string;
}

export interface SmsMessageInput {
  kind: string;
  code: string | null;
  body: string;
}

/** Characters the GSM-7 default alphabet has no room for, and what they become. */
const asciiReplacements: Record<string, string> = {
  đ: "d",
  Đ: "D",
  "—": "-",
  "–": "-",
  "…": "...",
  "“": '"',
  "”": '"',
  "‘": "'",
  "’": "'",
  "«": '"',
  "»": '"',
  "•": "-",
  " ": " ",
};

/** GSM-7 basic set (without the escape table), the only characters a plain message keeps. */
const GSM7 = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);

/** Vietnamese without diacritics, in the GSM-7 alphabet: "Tổng đài" → "Tong dai". */
export function plainVietnamese(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")) {
    const mapped = asciiReplacements[ch] ?? ch;
    for (const c of mapped) if (GSM7.has(c) && c !== "\r") out += c;
  }
  return out;
}

export function segmentsOf(text: string): { segments: number; encoding: "GSM-7" | "UCS-2" } {
  const m = new SegmentedMessage(text);
  return { segments: m.segmentsCount, encoding: m.encodingName === "GSM-7" ? "GSM-7" : "UCS-2" };
}

/** One message: fixed parts (the code, a link) and the free text that may be shortened between them. */
interface Shape {
  head: string;
  free: string;
  tail: string;
  /** Said instead when even the empty free text does not fit. */
  short?: string;
}

const URL_RE = /https?:\/\/\S+/;
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

function shapeOf(m: SmsMessageInput, o: SmsTextOptions): Shape {
  const code = m.code ?? "";
  const portal = `${o.publicUrl.replace(/\/+$/, "")}/tra-cuu`;
  const link = URL_RE.exec(m.body)?.[0].replace(/[.,;)]+$/, "");
  switch (m.kind) {
    case "acknowledgement":
      return {
        head: `Tổng đài 1022 đã tiếp nhận yêu cầu của bạn. Mã yêu cầu: ${code}.`,
        free: " Theo dõi tiến độ và kết quả trả lời (không chia sẻ đường dẫn này):",
        tail: ` ${link ?? portal}`,
        short: `1022 đã nhận yêu cầu. Mã: ${code}. ${link ?? portal}`,
      };
    case "verifying":
      return {
        head: `Yêu cầu ${code} cần được xác minh, kiểm tra.`,
        free: ` ${oneLine(m.body.replace(/^.*?kiểm tra\.\s*/s, ""))}`,
        tail: "",
      };
    case "answer_published":
      return {
        head: `Yêu cầu ${code} đã có kết quả trả lời:`,
        free: ` ${oneLine(m.body.replace(/^Kết quả trả lời yêu cầu [^:]*:\s*/, ""))}`,
        tail: ` Xem đầy đủ: ${link ?? portal} (mã ${code})`,
        short: `Yêu cầu ${code} đã có kết quả trả lời. Xem: ${link ?? portal}`,
      };
    default:
      return {
        head: code ? `Tổng đài 1022 - ${code}:` : "Tổng đài 1022:",
        free: ` ${oneLine(link ? m.body.replace(link, "") : m.body)}`,
        tail: link ? ` ${link}` : "",
      };
  }
}

/**
 * The SMS for one outbox message, within `maxSegments`. Free text is cut at a word boundary and
 * marked "…" (or "..." without diacritics); when cut, a message without a link points to the portal.
 */
export function composeSms(m: SmsMessageInput, o: SmsTextOptions): string {
  const shape = shapeOf(m, o);
  const portal = ` Chi tiết: ${o.publicUrl.replace(/\/+$/, "")}/tra-cuu`;
  const render = (s: string) => (o.diacritics ? s : plainVietnamese(s));
  const fits = (s: string) => segmentsOf(s).segments <= o.maxSegments;
  const full = render(shape.head + shape.free + shape.tail);
  if (fits(full)) return full;
  // Shortened: keep as many whole words of the free text as fit, with the pointer to the rest.
  const tail = shape.tail || portal;
  const words = shape.free.trim().split(" ").filter(Boolean);
  let lo = 0;
  let hi = words.length;
  const candidate = (n: number) =>
    render(`${shape.head}${n > 0 ? ` ${words.slice(0, n).join(" ")}…` : ""}${tail}`);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(candidate(mid))) lo = mid;
    else hi = mid - 1;
  }
  const best = candidate(lo);
  if (fits(best)) return best;
  // Even the fixed parts are too long (a long agency name, a long portal address): the short form,
  // which still carries the code and the link whole, however many segments that takes.
  return render(shape.short ?? `${shape.head}${tail}`);
}
