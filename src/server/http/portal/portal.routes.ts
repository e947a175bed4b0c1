import { randomUUID } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, type ErrorCode } from "../../../shared/errors.js";
import { conversationText, publicAnswersQuery } from "../../../shared/schemas/requests.js";
import { normalizeRequestCode } from "../../domain/request-code.js";
import { isReceiptFor } from "../../services/receipt.js";
import { errorHandler, toAppError } from "../errors.js";
import { typedFormText } from "../input-hygiene.js";
import { perProcess } from "../rate-limit-store.js";
import type { RouteOptions } from "../route-options.js";
import { answersFilterOf, type InvalidDates } from "./answers-filter.js";
import { registerAssets } from "./assets.js";
import { readFeedbackForm } from "./feedback-form.js";
import { errorPage } from "./layout.js";
import { createPageCache, sendPage } from "./page-cache.js";
import { answerPage, answersPage } from "./pages/answers.page.js";
import { figuresKindOf, figuresPage } from "./pages/figures.page.js";
import { feedbackResultPage, followPage, replyResultPage } from "./pages/follow.page.js";
import { homePage } from "./pages/home.page.js";
import { codeNoticePage, confirmationPage, submitPage } from "./pages/submit.page.js";
import { type AnswersQuery, createPortalReads } from "./portal-reads.js";

const CODE = /^[0-9A-Za-z-]{4,20}$/;
const HTML = "text/html; charset=utf-8";

/**
 * The public portal (Art. 4.2, 12; R-CH2, R-PU1–2): server-rendered pages, readable without
 * JavaScript. Pages only read through services and never show a requester's personal data.
 */
export const portalRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, options) => {
  const { services } = options;
  const reads = createPortalReads(options);
  // Pages that are the same for everyone; a few seconds of staleness is fine for published answers.
  const cached = createPageCache(options.ctx.config.NODE_ENV === "test" ? 0 : 3_000, 1_000);
  // A publication or take-down, made through any server process, shows on the next page (issue 15).
  const unwatch = services.live.subscribe((event) => {
    if (event.kind === "publish" || event.kind === "takedown") cached.clear();
  });
  app.addHook("onClose", async () => unwatch());
  const shared = "public, max-age=15";
  registerAssets(app);

  // The follow form posts urlencoded (no JS needed); the parser lives only in this plugin's scope.
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 4096 },
    (_r, body, done) => {
      const fields = [...new URLSearchParams(String(body))];
      done(null, Object.fromEntries(fields.map(([name, value]) => [name, typedFormText(value)])));
    },
  );

  const pageLimit = { rateLimit: perProcess({ max: 600, timeWindow: "1 minute" }) };
  const followLimit = { rateLimit: { max: 30, timeWindow: "10 minutes" } };
  const hide = { hide: true };
  // The follow page's forms (the reply to the agency's question, the satisfaction form).
  const formLimit = { rateLimit: { max: 20, timeWindow: "10 minutes" } };

  /**
   * Answers a follow-page form with its result page, never cached. The form carries the signed token
   * of a look-up that just succeeded ("<code>.<signature>"; the code leads back to the look-up).
   * `submit` (null when the form's input is invalid: 400) runs the service; a wrong or expired token
   * (NOT_FOUND) is 404, a refusal named in `refusals` is 409 with its result, anything else is thrown.
   */
  const answerForm = async <R extends string>(
    reply: FastifyReply,
    token: string,
    page: (view: { code?: string; result: R | "invalid" | "expired" }) => string,
    submit: (() => Promise<{ code: string; result: R }>) | null,
    refusals: Partial<Record<ErrorCode, R>>,
  ) => {
    reply.type(HTML).header("cache-control", "no-store");
    const code = /^[0-9A-Z-]{4,20}(?=\.)/.exec(token)?.[0];
    if (!submit) return reply.status(400).send(page({ code, result: "invalid" }));
    try {
      return reply.send(page(await submit()));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === "NOT_FOUND") return reply.status(404).send(page({ result: "expired" }));
      const result = refusals[error.code];
      if (result === undefined) throw error;
      return reply.status(409).send(page({ code, result }));
    }
  };

  /**
   * A page that is the same for everyone, from the cache: a hit is sent at once — no promise, no
   * awaiting, which is most answers under a crowd (issue 16) — otherwise the page is rendered (or
   * the render under way awaited), then sent. Returns undefined when the answer is already sent.
   */
  const sendCached = (
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    render: () => Promise<string>,
  ): Promise<FastifyReply> | undefined => {
    const page = cached.fresh(key);
    if (page) {
      sendPage(request, reply, page, shared);
      return undefined;
    }
    return cached(key, render).then((rendered) => sendPage(request, reply, rendered, shared));
  };

  const renderHome = async () => {
    const [fields, latest, banners] = await Promise.all([
      services.portal.fields(),
      reads.answers({ page: 1, pageSize: 5 }),
      services.massEvents.banners(),
    ]);
    return homePage({ fields, latest: latest.items, banners });
  };
  app.get("/", { config: pageLimit, schema: hide }, (request, reply) =>
    sendCached(request, reply, "home", renderHome),
  );

  app.get("/gui-yeu-cau", { config: pageLimit, schema: hide }, async (_request, reply) => {
    const fields = await services.portal.fields();
    // The Idempotency-Key of this rendering (issue 15): a double click, or the same page sent again
    // after an error, stores one request. Never kept by a shared cache: each page has its own key.
    return reply
      .type(HTML)
      .header("cache-control", "private, no-store")
      .send(submitPage({ fields, captcha: services.captcha.enabled, idempotencyKey: randomUUID() }));
  });

  app.get(
    "/gui-yeu-cau/da-gui",
    {
      config: pageLimit,
      schema: {
        ...hide,
        querystring: z.object({ ma: z.string().max(20).optional(), bn: z.string().max(80).optional() }),
      },
    },
    async (request, reply) => {
      const code = request.query.ma;
      if (!code || !CODE.test(code)) return reply.redirect("/gui-yeu-cau");
      // "Sent successfully" only with the receipt of the submission that just happened; otherwise
      // the same neutral page for every code, existing or not (issue 18.9).
      const sent = isReceiptFor(options.ctx.config, code, request.query.bn ?? "", options.ctx.clock.now());
      return reply
        .type(HTML)
        .header("cache-control", "no-store")
        .header("referrer-policy", "no-referrer")
        .send(sent ? confirmationPage(code) : codeNoticePage(code));
    },
  );

  /**
   * A follow link whose code cannot be one — "abc", NUL, 500 characters, the code twice — is the
   * follow page at 400 with the form and a message at the code field (thirty-eighth session: the page
   * without a word, the API's JSON, a page without the form). Other failures are the usual pages.
   */
  const badFollowLink = (reply: FastifyReply) =>
    reply
      .status(400)
      .type(HTML)
      .header("cache-control", "no-store")
      .send(followPage({ badLink: true }));
  app.get(
    "/tra-cuu",
    {
      config: pageLimit,
      schema: { ...hide, querystring: z.object({ ma: z.string().max(20).optional() }) },
      // Also for the input layer's refusal at onRequest (NUL, control characters), before the schema.
      errorHandler: (error, request, reply) => {
        const code = toAppError(error).code;
        if (code === "VALIDATION" || code === "BAD_INPUT") return badFollowLink(reply);
        return errorHandler(error, request, reply);
      },
    },
    async (request, reply) => {
      const code = request.query.ma;
      if (code && !CODE.test(code)) return badFollowLink(reply);
      // The follow page is a citizen's own lookup (the code in the URL): never kept by a cache.
      return reply
        .type(HTML)
        .header("cache-control", "no-store")
        .send(followPage({ code: code || undefined }));
    },
  );

  app.post(
    "/tra-cuu",
    {
      // Code + phone (or email) is the key to a request: slow down guessing (R-SE2).
      config: followLimit,
      schema: {
        ...hide,
        body: z.object({ ma: z.string().max(40).optional(), sdt: z.string().max(200).optional() }),
      },
    },
    async (request, reply) => {
      // As typed back: spaces, no dash, O for 0 (normalizeRequestCode); the page shows the code found.
      const code = normalizeRequestCode(request.body.ma ?? "");
      // One field takes the phone number or the email address the request was given with.
      const key = request.body.sdt?.trim() ?? "";
      reply.type(HTML).header("cache-control", "no-store");
      if (!code || !key) return reply.status(400).send(followPage({ code, result: "invalid" }));
      const view = CODE.test(code)
        ? await reads.lookup(code, key.includes("@") ? { email: key } : { phone: key })
        : null;
      if (!view) return reply.status(404).send(followPage({ code, result: "not_found" }));
      return reply.send(followPage({ code, result: view }));
    },
  );

  app.post(
    "/tra-cuu/tra-loi",
    {
      // Art. 14.6: the requester's reply to the agency's question. It needs the signed token of a
      // look-up that just succeeded (which also stops cross-site posts); slowed down like the look-up.
      config: formLimit,
      // 5,000 characters of Vietnamese, percent-encoded, is far more than the plugin's 4 KiB.
      bodyLimit: 96 * 1024,
      schema: {
        ...hide,
        body: z.object({
          token: z.string().max(200).optional(),
          noi_dung: z.string().max(20_000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const body = conversationText.safeParse(request.body.noi_dung ?? "");
      const token = request.body.token ?? "";
      return answerForm(
        reply,
        token,
        replyResultPage,
        body.success
          ? async () => ({
              code: (await services.conversation.replyFromFollowPage(token, body.data)).code,
              result: "sent",
            })
          : null,
        { INVALID_TRANSITION: "closed" },
      );
    },
  );

  app.post(
    "/tra-cuu/danh-gia",
    {
      // Issue 19: the satisfaction form of the follow page, with the look-up's signed token.
      config: formLimit,
      bodyLimit: 48 * 1024,
      schema: {
        ...hide,
        body: z.object({
          token: z.string().max(200).optional(),
          da_giai_quyet: z.string().max(10).optional(),
          muc_hai_long: z.string().max(10).optional(),
          y_kien: z.string().max(10_000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const token = request.body.token ?? "";
      // Refused (sent without the browser's checks): the form again, as typed, with its messages.
      const { body, typed } = readFeedbackForm(request.body);
      return answerForm(
        reply,
        token,
        (view) => feedbackResultPage(typed ? { ...view, form: { ...typed, token } } : view),
        body
          ? async () => {
              const sent = await services.feedback.giveFeedbackByToken(token, body);
              return { code: sent.code, result: sent.reopened ? "reopened" : "sent" };
            }
          : null,
        { FEEDBACK_ALREADY_GIVEN: "already", FEEDBACK_NOT_OPEN: "not_open" },
      );
    },
  );

  // The follow link sent with the acknowledgement to chat and email requesters (follow-link.ts):
  // opens the request without typing anything. A wrong or revoked secret is the same 404 page.
  app.get(
    "/theo-doi/:secret",
    { config: followLimit, schema: { ...hide, params: z.object({ secret: z.string().max(200) }) } },
    async (request, reply) => {
      reply.type(HTML).header("cache-control", "no-store").header("referrer-policy", "no-referrer");
      const view = await reads.lookupBySecret(request.params.secret);
      if (!view) return reply.status(404).send(followPage({ result: "not_found" }));
      return reply.send(followPage({ code: view.code, result: view }));
    },
  );

  app.get(
    "/thong-ke",
    { config: pageLimit, schema: { ...hide, querystring: z.object({ ky: z.string().max(10).optional() }) } },
    (request, reply) => {
      const kind = figuresKindOf(request.query.ky);
      return sendCached(request, reply, `figures:${kind}`, async () =>
        figuresPage(await services.reports.publicFigures(kind)),
      );
    },
  );

  const renderAnswers = async (query: AnswersQuery, invalid: InvalidDates = {}, cut = false) => {
    const [page, fields, agencies, kb] = await Promise.all([
      reads.answers(query),
      services.portal.fields(),
      services.portal.answeringAgencies(),
      query.q && query.page === 1 ? reads.kb(query.q, query.field) : Promise.resolve([]),
    ]);
    return answersPage({
      filter: query,
      invalid,
      cut,
      items: page.items,
      total: page.total,
      pageSize: page.pageSize,
      fields,
      agencies,
      kb,
    });
  };
  // The page most citizens open (no filter): its query parsed once, not on every request (issue 16).
  const firstPage = publicAnswersQuery.parse({});
  const firstPageKey = `answers:${JSON.stringify(firstPage)}`;
  const renderFirstPage = () => renderAnswers(firstPage);
  app.get("/hoi-dap", { config: pageLimit, schema: hide }, (request, reply) => {
    if (isEmpty(request.query)) return sendCached(request, reply, firstPageKey, renderFirstPage);
    // Dates as typed (dd/mm/yyyy) or linked (yyyy-mm-dd); a malformed filter is dropped on its own.
    const { query, invalid, cut } = answersFilterOf(request.query as Record<string, unknown>);
    // The same page for everyone asking the same thing: one render serves a burst (page-cache.ts).
    return sendCached(request, reply, `answers:${JSON.stringify([query, invalid, cut])}`, () =>
      renderAnswers(query, invalid, cut),
    );
  });

  app.get(
    "/hoi-dap/:id",
    { config: pageLimit, schema: { ...hide, params: z.object({ id: z.string().max(40) }) } },
    async (request, reply) => {
      // The public answer id (issue 13); a follow code finds nothing (reads.answer → null → 404).
      const answer = CODE.test(request.params.id) ? await reads.answer(request.params.id) : null;
      if (!answer) {
        return reply
          .status(404)
          .type(HTML)
          .send(
            errorPage(
              "Không tìm thấy câu trả lời",
              "Câu trả lời này không tồn tại hoặc chưa được công khai.",
            ),
          );
      }
      return reply.type(HTML).header("cache-control", shared).send(answerPage(answer));
    },
  );
};

/** Whether a parsed query string holds no parameter at all. */
function isEmpty(query: unknown): boolean {
  for (const _ in query as object) return false;
  return true;
}
