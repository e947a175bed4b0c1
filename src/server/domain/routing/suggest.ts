import type { PlaceMention } from "./places.js";

/**
 * Routing suggestions (issue 19): which agency a request most likely goes to, from its field, the
 * places it names and where earlier requests went. Pure and explainable: every score is a sum of
 * shares the reasons state in words.
 *
 * score(a) = s · place(a) + (1 − s) · dept(a)          when the request names a place, else dept(a)
 *          , then averaged with local(a) when earlier requests of this field named the same place
 * where, over earlier forwards of the same field (all fields when it has none or too few):
 * - s        = share that went to a commune's People's Committee (Laplace-smoothed): how local the field is;
 * - place(a) = the mention's weight when `a` is the People's Committee of a named place;
 * - dept(a)  = share of the field's forwards to non-commune agencies that went to `a`;
 * - local(a) = share of the field's forwards naming the same place that went to `a`.
 */
export interface RoutingAgency {
  id: string;
  code: string;
  kind: "department" | "commune" | "other";
}

/** An earlier forward: the lead agency that kept it (not returned), its field and the places it named. */
export interface PastForward {
  agencyId: string;
  fieldCode: string | null;
  placeCodes: readonly string[];
}

export interface Suggestion {
  agencyId: string;
  score: number;
  /** Why, in Vietnamese, for the forward dialog. */
  reasons: string[];
}

/** Below this many earlier forwards of a field, the field's own history is widened to all fields. */
export const MIN_FIELD_HISTORY = 5;

export function suggestAgencies(
  request: { fieldCode: string | null; places: readonly PlaceMention[] },
  history: readonly PastForward[],
  agencies: readonly RoutingAgency[],
  limit = 5,
): Suggestion[] {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const isCommune = (id: string) => byId.get(id)?.kind === "commune";
  const sameField = history.filter((h) => request.fieldCode !== null && h.fieldCode === request.fieldCode);
  const fieldOnly = sameField.length >= MIN_FIELD_HISTORY;
  const pool = fieldOnly ? sameField : history;
  const scores = new Map<string, { score: number; reasons: string[] }>();
  const add = (id: string, score: number, reason: string | null) => {
    if (!byId.has(id) || score <= 0) return;
    const s = scores.get(id) ?? { score: 0, reasons: [] };
    s.score += score;
    if (reason && !s.reasons.includes(reason)) s.reasons.push(reason);
    scores.set(id, s);
  };
  const scope = fieldOnly ? "lĩnh vực này" : "mọi lĩnh vực";

  // How local the field is: the share of its forwards that went to a commune.
  const toCommunes = pool.filter((h) => isCommune(h.agencyId)).length;
  const local = (toCommunes + 1) / (pool.length + 2);
  const places = request.places.filter((p) => byCode.has(p.code));
  const placeShare = places.length > 0 ? local : 0;

  // Departments and other provincial agencies: their share of the field's non-commune forwards.
  const dept = pool.filter((h) => !isCommune(h.agencyId));
  const deptCounts = countBy(dept.map((h) => h.agencyId));
  for (const [id, n] of deptCounts) {
    add(id, (1 - placeShare) * (n / dept.length), `Đã nhận ${n}/${pool.length} yêu cầu ${scope} trước đây`);
  }
  // The People's Committees of the places the request names.
  const totalWeight = places.reduce((sum, p) => sum + p.weight, 0);
  for (const p of places) {
    const agency = byCode.get(p.code);
    if (!agency) continue;
    const named = p.formerName ? `${p.name} (tên cũ: ${p.formerName})` : p.name;
    add(agency.id, placeShare * (p.weight / Math.max(1, totalWeight)), `Yêu cầu nêu địa bàn ${named}`);
  }
  // Earlier forwards of this field that named the same place: where they went.
  const codes = new Set(places.map((p) => p.code));
  const nearby = sameField.filter((h) => h.placeCodes.some((c) => codes.has(c)));
  if (nearby.length > 0) {
    const nearCounts = countBy(nearby.map((h) => h.agencyId));
    for (const s of scores.values()) s.score /= 2;
    for (const [id, n] of nearCounts) {
      add(id, n / nearby.length / 2, `Đã nhận ${n}/${nearby.length} yêu cầu lĩnh vực này ở cùng địa bàn`);
    }
  }
  return [...scores]
    .map(([agencyId, s]) => ({ agencyId, score: Math.round(s.score * 1000) / 1000, reasons: s.reasons }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        (byId.get(a.agencyId)?.code ?? "").localeCompare(byId.get(b.agencyId)?.code ?? ""),
    )
    .slice(0, limit);
}

function countBy(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}
