import { detectPersonalData } from "./personal-data/index.js";

/**
 * Contact details as an agency sees them before a reveal (issue 13: "agencies see what the work
 * needs"): enough to recognise the person and the place, not enough to call, write or visit.
 */
export const HIDDEN = "[đã ẩn]";

/** "0912345678" → "09xx xxx 678"; too short to keep anything → "[đã ẩn]". */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 8) return HIDDEN;
  return `${digits.slice(0, 2)}xx xxx ${digits.slice(-3)}`;
}

/** "nguyen.van.a@gmail.com" → "n***@gmail.com". */
export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf("@");
  if (at < 1) return HIDDEN;
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

// Administrative units (Law on Organisation of Local Government): what may stay of an address.
const unit =
  /^(phường|xã|thị trấn|đặc khu|quận|huyện|thị xã|thành phố|tp\.?|tỉnh|p\.|x\.|q\.|h\.|tx\.?)(\s|$)/iu;

/**
 * Keeps the administrative units of an address and drops house number, street, hamlet and the rest:
 * "Số 5 Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa" → "phường Hạc Thành, tỉnh Thanh Hóa"; an address
 * with no recognisable unit → "[đã ẩn]".
 */
export function maskAddress(address: string | null): string | null {
  if (address === null) return null;
  const kept = address
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => unit.test(part));
  return kept.length > 0 ? kept.join(", ") : HIDDEN;
}

const maskers: Record<string, (v: string | null) => string | null> = {
  phone: maskPhone,
  requesterPhone: maskPhone,
  email: maskEmail,
  requesterEmail: maskEmail,
  address: maskAddress,
  requesterAddress: maskAddress,
};

/**
 * Masks contact fields wherever they sit in a JSON document (event data: before/after of a
 * correction), by key name; everything else is returned as it was.
 */
export function maskContactsDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskContactsDeep);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const mask = maskers[key];
    out[key] = mask && (typeof v === "string" || v === null) ? mask(v) : maskContactsDeep(v);
  }
  return out;
}

/**
 * Phone numbers and email addresses inside a free text masked as above — a provider's error that
 * names the recipient ("550 5.1.1 <lan@example.vn>: Recipient address rejected"), a network's report
 * that repeats the number. Found by the personal-data detector; the rest of the text stays.
 */
export function maskContactsInText(text: string | null): string | null {
  if (!text) return text;
  let out = "";
  let from = 0;
  for (const hit of detectPersonalData(text)) {
    if (hit.kind !== "phone" && hit.kind !== "email") continue;
    out += text.slice(from, hit.start) + ((hit.kind === "phone" ? maskPhone : maskEmail)(hit.text) ?? HIDDEN);
    from = hit.end;
  }
  return out + text.slice(from);
}
