import type { AppContext } from "../context.js";
import { createAgencyService } from "./agency.service.js";
import { createAuditService } from "./audit.service.js";
import { createAuthService } from "./auth.service.js";
import { createFieldService } from "./field.service.js";
import { createRefusalReasonService } from "./refusal-reason.service.js";
import { createCalendarService } from "./calendar.service.js";
import { createCaptchaService } from "./captcha.service.js";
import { createPortalService } from "./portal.service.js";
import { createSystemService } from "./system.service.js";
import { createUserService } from "./user.service.js";

/**
 * Every use case of the product, built once per process from the context. Route plugins receive
 * this object; services never reach for Fastify.
 */
export function createServices(ctx: AppContext) {
  return {
    system: createSystemService(ctx),
    auth: createAuthService(ctx),
    users: createUserService(ctx),
    agencies: createAgencyService(ctx),
    fields: createFieldService(ctx),
    refusalReasons: createRefusalReasonService(ctx),
    audit: createAuditService(ctx),
    calendar: createCalendarService(ctx),
    captcha: createCaptchaService(ctx),
    portal: createPortalService(ctx),
  };
}

export type Services = ReturnType<typeof createServices>;
