/**
 * The one way to declare a staff route (anything under /api/v1/ that is not public, see isStaffRoute):
 * a plugin of staff routes gets a route table for its OpenAPI tags and declares each route in one call,
 *
 *   export const kbRoutes = staffPlugin(["kb"], (route, { services }) => {
 *     route.post("/api/v1/kb/entries/:id/publish", "kb.review", "Duyệt và công bố",
 *       { params: idParams, body: kbNoteBody, response: kbEntry },
 *       ({ actor, params, body }) => services.kb.publishEntry(actor, params.id, body.note));
 *   });
 *
 * (`response` is the 200 answer's schema, or schemas by status: `{ 201: kbEntry }`; an upload adds
 * `consumes` and `preValidation`; a plugin that also has public routes makes its table with
 * `staffRoutes(app, tags)`; one request's routes, in any plugin, are `requestScope(route)` of
 * routes/request-scope.ts). Every route ends in
 * staffRoute, which sets `config.action` (enforced by route-guard.ts, read by the permission
 * matrix test), derives
 * the OpenAPI security from the method (GET/HEAD: the session; anything else: the session and the
 * CSRF header, as registerAuth enforces), adds the staff error answers (staffErrors) to `response`,
 * and hands the handler the signed-in actor (read once, by actorOf) with the validated params,
 * query and body typed from their zod schemas, and the call's origin (address, user agent) for the
 * access log. Return the body of the success answer (with the status 201 where that is the only
 * success answer declared, `response: { 201: schema }`; nothing where it is `{ 204: z.null() }`, sent
 * empty), or use `reply` for another status, headers or a stream.
 */
import type { FastifyReply, FastifyRequest, FastifySchema } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { Actor } from "../../shared/permissions.js";
import { staffErrors, staffReadSecurity, staffWriteSecurity } from "../../shared/schemas/common.js";
import type { AccessOrigin } from "../services/access-log.service.js";
import { actorOf } from "./auth.js";
import type { RouteAccess, RouteOptions } from "./route-options.js";

/** The instance a route plugin (FastifyPluginAsyncZod) is given. */
export type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

export type StaffMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Responses = Partial<Record<number, z.ZodType>>;

export interface StaffRouteSpec<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends Responses,
> {
  method: StaffMethod;
  url: string;
  /** What the caller's role must hold (route-options.ts): an action, several, or "staff". */
  action: RouteAccess;
  summary: string;
  tags: string[];
  params?: P;
  querystring?: Q;
  body?: B;
  /** Headers the route reads (documented in OpenAPI; a loose object, so others pass). */
  headers?: z.ZodType;
  /** Success answers by status; staffErrors are added. */
  response?: R;
  /** Body media types other than JSON, for OpenAPI (e.g. multipart/form-data for an upload). */
  consumes?: string[];
  /** Runs after auth, before validation: turns a multipart body into the fields the schema checks. */
  preValidation?: (request: FastifyRequest) => Promise<void>;
}

/** What a staff handler is given: the actor and the validated inputs. */
export interface StaffCall<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  actor: Actor;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  /** Where the call came from, for the access log (issue 14). */
  origin: AccessOrigin;
  request: FastifyRequest;
  reply: FastifyReply;
}

type SuccessBody<R extends Responses> = {
  [K in keyof R]: K extends 200 | 201 | 202 | 204 ? (R[K] extends z.ZodType ? z.output<R[K]> : never) : never;
}[keyof R];

/**
 * What a handler resolves to: the body of its success answer, or the reply it sent itself; a route
 * whose success answer is a 204 may resolve to nothing (it is sent empty).
 */
type HandlerResult<R extends Responses> =
  | Promise<SuccessBody<R> | FastifyReply | undefined>
  | (204 extends keyof R ? Promise<void> : never);

/** The schemas of a route declared through staffRoutes; `response` alone is the 200 answer. */
export interface RouteSchemas<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R> {
  params?: P;
  query?: Q;
  body?: B;
  /** Headers the route reads (documented in OpenAPI; a loose object, so others pass). */
  headers?: z.ZodType;
  response?: R;
  /** Body media types other than JSON, for OpenAPI (an upload's multipart/form-data). */
  consumes?: string[];
  /** Runs after auth, before validation: turns a multipart body into the fields the schema checks. */
  preValidation?: (request: FastifyRequest) => Promise<void>;
}

/** `response: schema` stands for `response: { 200: schema }`. */
type ByStatus<R> = R extends z.ZodType ? { 200: R } : R extends Responses ? R : never;

type StaffHandler<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R> = (
  call: StaffCall<P, Q, B>,
) => HandlerResult<ByStatus<R>>;

/** Any handler, where the declaring function has checked it against its schemas. */
// biome-ignore lint/suspicious/noExplicitAny: erased here only; every caller is typed by GroupDeclare
type Handler = StaffHandler<any, any, any, any>;

/** A route of a group (staffRoutes' `group`): its own schemas may be left out. */
interface GroupDeclare<SP extends z.ZodType, SR> {
  <
    P extends z.ZodType = SP,
    Q extends z.ZodType = z.ZodUndefined,
    B extends z.ZodType = z.ZodUndefined,
    R extends z.ZodType | Responses = SR extends z.ZodType | Responses ? SR : never,
  >(
    path: string,
    summary: string,
    schemas: RouteSchemas<P, Q, B, R>,
    handler: StaffHandler<P, Q, B, R>,
  ): void;
  (path: string, summary: string, handler: StaffHandler<SP, z.ZodUndefined, z.ZodUndefined, SR>): void;
}

const isSchema = (value: unknown): value is z.ZodType =>
  typeof value === "object" && value !== null && "safeParse" in value;

/**
 * The routes of one plugin under one OpenAPI tag list: `route.get(url, action, summary, schemas,
 * handler)`, likewise post, put, patch and delete (see the top of this file).
 */
export function staffRoutes(app: ZodApp, tags: string[]) {
  const declare =
    (method: StaffMethod, routeTags = tags) =>
    <
      P extends z.ZodType = z.ZodUndefined,
      Q extends z.ZodType = z.ZodUndefined,
      B extends z.ZodType = z.ZodUndefined,
      R extends z.ZodType | Responses = Record<never, never>,
    >(
      url: string,
      action: RouteAccess,
      summary: string,
      schemas: RouteSchemas<P, Q, B, R>,
      handler: StaffHandler<P, Q, B, R>,
    ) => {
      const { params, query, body, headers, response, consumes, preValidation } = schemas;
      const byStatus = (isSchema(response) ? { 200: response } : response) as ByStatus<R> | undefined;
      staffRoute<P, Q, B, ByStatus<R>>(
        app,
        {
          method,
          url,
          action,
          summary,
          tags: routeTags,
          params,
          querystring: query,
          body,
          headers,
          response: byStatus,
          consumes,
          preValidation,
        },
        handler,
      );
    };
  /**
   * Routes under one URL prefix that need the same action and share schemas (typically the `:id`
   * params and the answer): `group.post(path, summary, [schemas,] handler)`, the path appended to the
   * prefix and the route's own schemas laid over the shared ones. `tags` puts the group under other
   * OpenAPI tags than the table's (an area's administrators' settings under "admin").
   */
  const group = <
    SP extends z.ZodType = z.ZodUndefined,
    SR extends z.ZodType | Responses = Record<never, never>,
  >(
    prefix: string,
    action: RouteAccess,
    { tags: groupTags, ...shared }: { params?: SP; response?: SR; tags?: string[] } = {},
  ) => {
    const declareIn = (method: StaffMethod): GroupDeclare<SP, SR> =>
      ((
        path: string,
        summary: string,
        ...rest: [RouteSchemas<SP, never, never, SR>, Handler] | [Handler]
      ) => {
        const [schemas, handler] = rest.length === 2 ? rest : [{}, rest[0]];
        declare(method, groupTags)(`${prefix}${path}`, action, summary, { ...shared, ...schemas }, handler);
      }) as GroupDeclare<SP, SR>;
    return {
      get: declareIn("GET"),
      post: declareIn("POST"),
      put: declareIn("PUT"),
      patch: declareIn("PATCH"),
      delete: declareIn("DELETE"),
    };
  };
  /**
   * The groups of one prefix whose routes need different actions (read with one, changed with
   * another): `const entry = route.groups(prefix, shared)`, then `entry("kb.read").get(…)`.
   */
  const groups =
    <SP extends z.ZodType = z.ZodUndefined, SR extends z.ZodType | Responses = Record<never, never>>(
      prefix: string,
      shared: { params?: SP; response?: SR; tags?: string[] } = {},
    ) =>
    (action: RouteAccess) =>
      group<SP, SR>(prefix, action, shared);
  return {
    get: declare("GET"),
    post: declare("POST"),
    put: declare("PUT"),
    patch: declare("PATCH"),
    delete: declare("DELETE"),
    group,
    groups,
  };
}

/** What staffRoutes returns: a plugin's route table. */
export type StaffRoutes = ReturnType<typeof staffRoutes>;

/**
 * A route plugin of staff routes under these OpenAPI tags: `declare` gets the route table, the
 * plugin's options and the instance (for hooks, or a second table under other tags).
 */
export function staffPlugin(
  tags: string[],
  declare: (route: StaffRoutes, options: RouteOptions, app: ZodApp) => void,
): FastifyPluginAsyncZod<RouteOptions> {
  return async (app, options) => declare(staffRoutes(app, tags), options, app);
}

/** OpenAPI security of a staff route with this method (staffReadSecurity / staffWriteSecurity). */
export function staffSecurity(method: StaffMethod) {
  return method === "GET" || method === "HEAD" ? staffReadSecurity : staffWriteSecurity;
}

export function staffRoute<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  R extends Responses = Record<never, never>,
>(
  app: ZodApp,
  spec: StaffRouteSpec<P, Q, B, R>,
  handler: (call: StaffCall<P, Q, B>) => HandlerResult<R>,
): void {
  const { method, url, action, summary, tags, params, querystring, body, headers, response } = spec;
  const { consumes, preValidation } = spec;
  const schema: FastifySchema = {
    tags,
    summary,
    security: staffSecurity(method),
    ...(params ? { params } : {}),
    ...(querystring ? { querystring } : {}),
    ...(body ? { body } : {}),
    ...(headers ? { headers } : {}),
    ...(consumes ? { consumes } : {}),
    response: { ...staffErrors, ...response },
  };
  /** A route whose only success answer is a 201 (it creates) answers 201 with what its handler returns. */
  const creates = response !== undefined && 201 in response && !(200 in response);
  /** A route whose only success answer is a 204 answers it, empty, once its handler has done its work. */
  const empty = response !== undefined && Object.keys(response).join() === "204";
  app.route({
    method,
    url,
    config: { action },
    schema,
    ...(preValidation ? { preValidation } : {}),
    // The schemas above validated params, query and body before this runs: their types are the
    // schemas' outputs (the only place the helper states it).
    handler: async (request, reply) => {
      if (creates) reply.status(201);
      const answer = await handler({
        actor: actorOf(request),
        params: request.params as z.output<P>,
        query: request.query as z.output<Q>,
        body: request.body as z.output<B>,
        origin: { ip: request.ip ?? null, userAgent: request.headers["user-agent"] ?? null },
        request,
        reply,
      });
      return empty ? reply.status(204).send(null) : answer;
    },
  });
}
