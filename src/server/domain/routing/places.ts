import { fold } from "../../../shared/fold.js";

/**
 * The places a request names (issue 19, routing suggestions): commune-level units of the 2-level
 * system from 1 July 2025, recognised by their name or by the name of a unit merged into them in
 * 2025 — citizens keep writing "xã Quảng Nham" for what is now "xã Tiên Trang". Pure: the list of
 * places is given (db/seed/thanh-hoa.places.json, built from ../shared/data/dvhcvn).
 *
 * Rules, chosen to avoid false matches in free text:
 * - a current name means that unit, even when another unit once had it;
 * - a name with its kind word ("phường Hạc Thành", "xã Tiên Trang", "thị trấn …", and the
 *   abbreviations "p.", "x.", "tt.") is a mention; without the kind word, only a current name of at
 *   least two syllables that no other unit (current or former) shares, or a former name of two
 *   syllables or more when the text also names its old district ("Đồng Lộc, huyện Hậu Lộc");
 * - an old district named with its kind word ("huyện Hậu Lộc") is never read as a commune;
 * - a former name shared by units of several old districts counts for those whose district the text
 *   also names ("huyện Quảng Xương"), else for all of them, split;
 * - a former unit split between several new ones (partial) points to each of them, split.
 */
export interface Place {
  code: string;
  name: string;
  formerly: readonly { name: string; district: string; partial: boolean }[];
}

export interface PlaceMention {
  /** The 2025 unit (its code is the agency code of its People's Committee). */
  code: string;
  name: string;
  /** The words found in the text, folded ("xa quang nham"). */
  matched: string;
  /** The former name that matched, when it was one. */
  formerName: string | null;
  /** Share of the mention this unit gets (1 when unambiguous). */
  weight: number;
}

interface Entry {
  code: string;
  name: string;
  formerName: string | null;
  district: string | null;
}

export interface PlaceIndex {
  /** Folded phrase → the units it may mean. */
  typed: Map<string, Entry[]>;
  /** Folded bare current names usable without a kind word. */
  bare: Map<string, Entry>;
  /** Folded bare former names: usable only beside their old district. */
  bareFormer: Map<string, Entry[]>;
  /** Folded ways of naming an old district ("huyen quang xuong", "quang xuong") → its full name. */
  districts: Map<string, string>;
  longest: number;
}

const kindWords: Record<string, readonly string[]> = {
  phuong: ["phuong", "p"],
  xa: ["xa", "x"],
  "thi tran": ["thi tran", "tt"],
};

/** First words of an old district named with its kind ("huyện", "thị xã", "TX", "thành phố", "TP"). */
const districtWords = new Set(["huyen", "thi", "tx", "thanh", "tp"]);

const words = (text: string) =>
  fold(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);

/** "Phường Hạc Thành" → { kind: "phuong", base: "hac thanh" }. */
function split(name: string): { kind: string | null; base: string } {
  const w = words(name).join(" ");
  for (const kind of Object.keys(kindWords)) {
    if (w.startsWith(`${kind} `)) return { kind, base: w.slice(kind.length + 1) };
  }
  return { kind: null, base: w };
}

/**
 * How a text names an old district: "huyện Quảng Xương" or just "Quảng Xương"; "thị xã/TX Bỉm Sơn";
 * a city only with its kind word ("TP Thanh Hóa"), since the bare name is the province's.
 */
function districtKeys(district: string): string[] {
  const w = words(district).join(" ");
  const m = /^(huyen|thi xa|thanh pho) (.+)$/.exec(w);
  if (!m?.[2]) return [w];
  const base = m[2];
  if (m[1] === "huyen") return [w, base];
  if (m[1] === "thi xa") return [w, `tx ${base}`];
  return [w, `tp ${base}`];
}

export function placeIndex(places: readonly Place[]): PlaceIndex {
  const typed = new Map<string, Entry[]>();
  const baseCount = new Map<string, number>();
  const districts = new Map<string, string>();
  const add = (key: string, e: Entry) => {
    const list = typed.get(key) ?? [];
    if (!list.some((x) => x.code === e.code && x.formerName === e.formerName)) list.push(e);
    typed.set(key, list);
  };
  const entries: { base: string; kind: string | null; e: Entry }[] = [];
  for (const p of places) {
    entries.push({ ...split(p.name), e: { code: p.code, name: p.name, formerName: null, district: null } });
    for (const f of p.formerly) {
      entries.push({
        ...split(f.name),
        e: { code: p.code, name: p.name, formerName: f.name, district: f.district },
      });
      for (const key of districtKeys(f.district)) districts.set(key, f.district);
    }
  }
  let longest = 1;
  for (const { base, kind, e } of entries) {
    baseCount.set(base, (baseCount.get(base) ?? 0) + 1);
    for (const k of kind ? (kindWords[kind] ?? []) : []) {
      const key = `${k} ${base}`;
      longest = Math.max(longest, key.split(" ").length);
      add(key, e);
    }
  }
  const bare = new Map<string, Entry>();
  const bareFormer = new Map<string, Entry[]>();
  for (const { base, e } of entries) {
    if (base.split(" ").length < 2) continue;
    if (e.formerName === null && baseCount.get(base) === 1) bare.set(base, e);
    if (e.formerName !== null) bareFormer.set(base, [...(bareFormer.get(base) ?? []), e]);
  }
  for (const key of districts.keys()) longest = Math.max(longest, key.split(" ").length);
  return { typed, bare, bareFormer, districts, longest };
}

/** The units the text names, each with its share; a unit named twice is listed once. */
export function placesIn(text: string, index: PlaceIndex): PlaceMention[] {
  const w = words(text);
  const joined = ` ${w.join(" ")} `;
  const namedDistricts = new Set(
    [...index.districts].filter(([base]) => joined.includes(` ${base} `)).map(([, full]) => full),
  );
  const found = new Map<string, PlaceMention>();
  const note = (e: Entry, matched: string, weight: number) => {
    const prev = found.get(e.code);
    if (!prev || prev.weight < weight)
      found.set(e.code, { code: e.code, name: e.name, matched, formerName: e.formerName, weight });
  };
  let i = 0;
  while (i < w.length) {
    let step = 1;
    for (let n = Math.min(index.longest, w.length - i); n >= 2; n--) {
      const phrase = w.slice(i, i + n).join(" ");
      // "huyện Hậu Lộc": an old district, not the commune that took its name.
      if (districtWords.has(w[i] ?? "") && index.districts.has(phrase)) {
        step = n;
        break;
      }
      const typed = index.typed.get(phrase);
      const bare = typed ? undefined : index.bare.get(phrase);
      const former =
        typed || bare
          ? undefined
          : index.bareFormer
              .get(phrase)
              ?.filter((c) => c.district !== null && namedDistricts.has(c.district));
      if (!typed && !bare && !former?.length) continue;
      let candidates = typed ?? (bare ? [bare] : (former ?? []));
      // A name that is some unit's current name means that unit, not the ones it was once merged into.
      const current = candidates.filter((c) => c.formerName === null);
      if (current.length > 0) candidates = current;
      // A shared former name: keep the units of the old district the text names, if any.
      const inDistrict = candidates.filter((c) => c.district !== null && namedDistricts.has(c.district));
      if (inDistrict.length > 0)
        candidates = [...inDistrict, ...candidates.filter((c) => c.district === null)];
      const units = [...new Set(candidates.map((c) => c.code))];
      for (const c of candidates) note(c, phrase, 1 / units.length);
      step = n;
      break;
    }
    i += step;
  }
  return [...found.values()];
}
