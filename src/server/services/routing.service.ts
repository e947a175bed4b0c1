import { AppError } from "../../shared/errors.js";
import { type Actor, can } from "../../shared/permissions.js";
import type { RoutingSuggestions } from "../../shared/schemas/routing.js";
import type { AppContext } from "../context.js";
import { findRequest } from "../db/repositories/request.repository.js";
import { activeAgencies, recentForwards } from "../db/repositories/routing.repository.js";
import { loadSeedPlaces } from "../db/seed/reference-data.js";
import { type PlaceIndex, placeIndex, placesIn } from "../domain/routing/places.js";
import { suggestAgencies } from "../domain/routing/suggest.js";
import { assertCanRead } from "./request-access.js";

/** How far back, and how many earlier forwards, the suggestions learn from. */
const HISTORY_DAYS = 365;
const HISTORY_LIMIT = 3000;

/**
 * Routing suggestions for the forward dialog (issue 19): the places a request names (its text,
 * else the requester's address) and where earlier requests of its field went; the rules are
 * domain/routing/. Whoever may send a slip — forward, assign, or ask for cooperation — may ask.
 */
export function createRoutingService(ctx: AppContext) {
  let index: Promise<PlaceIndex> | undefined;
  const places = () => {
    index ??= loadSeedPlaces().then(placeIndex);
    return index;
  };
  const mentioned = (idx: PlaceIndex, content: string, address: string | null) => {
    const inText = placesIn(content, idx);
    return inText.length > 0 || !address ? inText : placesIn(address, idx);
  };

  return {
    async suggest(actor: Actor | null, requestId: string): Promise<RoutingSuggestions> {
      if (!actor) throw new AppError("UNAUTHENTICATED");
      const sends = (["request.forward", "request.assign_agency", "slip.request_cooperation"] as const).some(
        (a) => can(actor, a),
      );
      if (!sends) throw new AppError("FORBIDDEN");
      const row = await findRequest(ctx.db, requestId);
      if (!row) throw new AppError("NOT_FOUND");
      assertCanRead(actor, row);
      const idx = await places();
      const since = new Date(ctx.clock.now().getTime() - HISTORY_DAYS * 86_400_000);
      const [past, agencies] = await Promise.all([
        recentForwards(ctx.db, since, HISTORY_LIMIT, row.id),
        activeAgencies(ctx.db),
      ]);
      const history = past.map((p) => ({
        agencyId: p.agency_id,
        fieldCode: p.field_code,
        placeCodes: mentioned(idx, p.content, p.address).map((m) => m.code),
      }));
      const named = mentioned(idx, row.content, row.requester_address);
      const byId = new Map(agencies.map((a) => [a.id, a]));
      const suggestions = suggestAgencies({ fieldCode: row.field_code, places: named }, history, agencies);
      return {
        places: named.map((p) => ({
          code: p.code,
          name: p.name,
          formerName: p.formerName,
          weight: p.weight,
        })),
        suggestions: suggestions.flatMap((s) => {
          const a = byId.get(s.agencyId);
          return a
            ? [{ agencyId: a.id, agencyCode: a.code, agencyName: a.name, score: s.score, reasons: s.reasons }]
            : [];
        }),
        historySize: history.length,
      };
    },
  };
}
