import type { z } from "zod";
import { idParams } from "../../../shared/schemas/common.js";
import type { Responses, StaffRoutes } from "../staff-route.js";

/**
 * One request's routes, /api/v1/requests/:id…, a group per action (staffRoutes' `groups`): the URL
 * and its `:id` params stated once for the request's own routes and for every plugin that adds a
 * sub-resource to it (calls, notes, feedback, the Q&A proposal, the mass event, the legal hold).
 * `response`, when given, is the shared success answer of the routes declared through it.
 */
export function requestScope<SR extends z.ZodType | Responses = Record<never, never>>(
  route: StaffRoutes,
  response?: SR,
) {
  return route.groups<typeof idParams, SR>("/api/v1/requests/:id", { params: idParams, response });
}
