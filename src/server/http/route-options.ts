import type { AppContext } from "../context.js";
import type { Services } from "../services/index.js";

/** What every route plugin is registered with. */
export interface RouteOptions {
  services: Services;
  ctx: AppContext;
}
