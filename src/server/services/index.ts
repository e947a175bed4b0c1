import type { AppContext } from "../context.js";
import { createAuthService } from "./auth.service.js";
import { createCalendarService } from "./calendar.service.js";
import { createCaptchaService } from "./captcha.service.js";
import { createPortalService } from "./portal.service.js";
import { createSystemService } from "./system.service.js";

/**
 * Every use case of the product, built once per process from the context. Route plugins receive
 * this object; services never reach for Fastify.
 */
export function createServices(ctx: AppContext) {
  return {
    system: createSystemService(ctx),
    auth: createAuthService(ctx),
    calendar: createCalendarService(ctx),
    captcha: createCaptchaService(ctx),
    portal: createPortalService(ctx),
  };
}

export type Services = ReturnType<typeof createServices>;
