import { z } from "zod";
import { errorCodes } from "../errors.js";
import { actions, roles } from "../permissions.js";

export const uuid = z.uuid();
/** The params of a route under `/:id`, a resource addressed by its uuid. */
export const idParams = z.object({ id: uuid });
export const roleSchema = z.enum(roles);
export const actionSchema = z.enum(actions as [string, ...string[]]);

/** The body of every error response. */
export const errorResponse = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorCodes) as [keyof typeof errorCodes, ...(keyof typeof errorCodes)[]]),
    message: z.string(),
    details: z
      .array(
        z.object({
          field: z.string(),
          code: z.string(),
          message: z.string(),
          // A personal-data finding: its kind and span in the field's text (issue 13).
          kind: z.string().optional(),
          start: z.number().int().optional(),
          end: z.number().int().optional(),
          text: z.string().optional(),
        }),
      )
      .optional(),
    /** RATE_LIMITED: seconds until an attempt is accepted again (also the Retry-After header). */
    retryAfterSeconds: z.number().int().optional(),
  }),
});

/** The error answers every staff route may give (the OpenAPI document lists them once). */
export const staffErrors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
};

/** OpenAPI security of staff routes: reads need the session, writes also the CSRF header. */
export const staffReadSecurity = [{ session: [] }];
export const staffWriteSecurity = [{ session: [], csrf: [] }];

/** An instant on the wire: ISO 8601 with an offset. */
export const isoInstant = z.iso.datetime({ offset: true });

/** The page fields of a staff list query, spread last into its object: pages from 1, up to 200 rows. */
export const pageFields = (defaultPageSize: number) => ({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(defaultPageSize),
});

/** A whole list answer: `{ items }`. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** One page of a list answer: its items and how many match in all. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });
