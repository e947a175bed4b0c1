/**
 * Query sets derived from the dataset's test questions (issue 4): what callers really type.
 * Deterministic (seeded) so runs compare. The abbreviation list is the common chat shorthand, written
 * independently of the engine's table in src/server/domain/search/abbreviations.ts.
 */
export type QuerySet = "a_no_diacritics" | "b_first_12_words" | "c_40pct_shuffled" | "d_abbreviated";
export const querySets: QuerySet[] = [
  "a_no_diacritics",
  "b_first_12_words",
  "c_40pct_shuffled",
  "d_abbreviated",
];

export function stripDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}

/** mulberry32: a small seeded generator. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Folded word → chat shorthand, as seen in Vietnamese messages.
const chat: Record<string, string> = {
  khong: "ko",
  duoc: "dc",
  nguoi: "ng",
  voi: "vs",
  gi: "j",
  minh: "mk",
  biet: "bik",
  truoc: "trc",
  chong: "ck",
  vo: "vk",
  roi: "r",
  cung: "cx",
  nhieu: "nhiu",
  thoi: "thui",
  vay: "z",
  tiem: "chich",
  vaccine: "vx",
  vacxin: "vx",
};

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

export function makeQuery(set: QuerySet, question: string, seed: number): string {
  if (set === "a_no_diacritics") return stripDiacritics(question);
  if (set === "b_first_12_words") return words(question).slice(0, 12).join(" ");
  const random = rng(seed);
  const all = words(stripDiacritics(question));
  const keep = Math.max(1, Math.round(all.length * 0.4));
  const shuffled = [...all];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
  }
  const picked = shuffled.slice(0, keep);
  if (set === "c_40pct_shuffled") return picked.join(" ");
  return picked
    .map((w) => {
      const bare = w.toLowerCase().replace(/[^a-z0-9]/g, "");
      return chat[bare] ?? w;
    })
    .join(" ");
}
