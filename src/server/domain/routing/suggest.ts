import type { PlaceMention } from "./places.js";

/**
 * Routing suggestions (issue 19): which agency a request most likely goes to, from its field, the
 * places it names and where earlier requests went. Pure and explainable: every score is a sum of
 * shares the reasons state in words.
 *
 * score(a) = s · place(a) + (1 − s) · dept(a)          when the request names a place, else dept(a)
 *          , then averaged with local(a) when earlier requests of this field named the same place
 * where, over earlier forwards of the same field:
 * - s        = share that went to a commune's People's Committee (Laplace-smoothed): how local the field is;
 * - place(a) = the mention's weight when `a` is the People's Committee of a named place;
 * - dept(a)  = share of the field's forwards to non-commune agencies that went to `a`, smoothed
 *              towards its share over all fields (PRIOR_WEIGHT forwards' worth);
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

/**
 * Weight of the all-fields history in a field's own (Bayesian smoothing, in forwards): a field with
 * few earlier forwards leans on where requests go in general; one with many speaks for itself.
 */
export const PRIOR_WEIGHT = 2;

export function suggestAgencies(
  request: { fieldCode: string | null; places: readonly PlaceMention[] },
  history: readonly PastForward[],
  agencies: readonly RoutingAgency[],
  limit = 5,
): Suggestion[] {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const isCommune = (id: string) => byId.get(id)?.kind === "commune";
  const known = history.filter((h) => byId.has(h.agencyId));
  const sameField =
    request.fieldCode === null ? known : known.filter((h) => h.fieldCode === request.fieldCode);
  // Without a field, every earlier forward counts: the reasons say «các lĩnh vực», not «lĩnh vực này».
  const ofField = request.fieldCode === null ? "yêu cầu các lĩnh vực" : "yêu cầu lĩnh vực này";
  const scores = new Map<string, { score: number; reasons: string[] }>();
  const add = (id: string, score: number, reason: string | null) => {
    if (!byId.has(id) || score <= 0) return;
    const s = scores.get(id) ?? { score: 0, reasons: [] };
    s.score += score;
    if (reason && !s.reasons.includes(reason)) s.reasons.push(reason);
    scores.set(id, s);
  };

  // How local the field is: the share of its forwards that went to a commune (Laplace-smoothed).
  const toCommunes = sameField.filter((h) => isCommune(h.agencyId)).length;
  const local = (toCommunes + 1) / (sameField.length + 2);
  const places = request.places.filter((p) => byCode.has(p.code));
  const placeShare = places.length > 0 ? local : 0;

  // Departments and other provincial agencies: their share of the field's non-commune forwards,
  // smoothed towards their share of all fields'.
  const fieldDept = countBy(sameField.filter((h) => !isCommune(h.agencyId)).map((h) => h.agencyId));
  const allDeptList = known.filter((h) => !isCommune(h.agencyId));
  const allDept = countBy(allDeptList.map((h) => h.agencyId));
  const fieldDeptTotal = [...fieldDept.values()].reduce((a, b) => a + b, 0);
  const prior = allDeptList.length > 0 ? PRIOR_WEIGHT : 0;
  for (const [id, all] of allDept) {
    const n = fieldDept.get(id) ?? 0;
    const share = (n + prior * (all / allDeptList.length)) / (fieldDeptTotal + prior);
    const reason =
      n > 0
        ? `Đã nhận ${n}/${sameField.length} ${ofField} trước đây`
        : `Đã nhận ${all}/${known.length} yêu cầu các lĩnh vực trước đây`;
    add(id, (1 - placeShare) * share, reason);
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
    for (const s of scores.values()) s.score /= 2;
    for (const [id, n] of countBy(nearby.map((h) => h.agencyId))) {
      add(id, n / nearby.length / 2, `Đã nhận ${n}/${nearby.length} ${ofField} ở cùng địa bàn`);
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
