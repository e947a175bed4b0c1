import { can } from "../../../shared/permissions.js";
import { boardResponse } from "../../../shared/schemas/requests.js";
import { liveEventVisible } from "../../services/live-bus.js";
import { staffPlugin } from "../staff-route.js";

/** Supervision board and live updates (R-MO3, issue 5). */
export const monitorRoutes = staffPlugin(["monitor"], (route, { services }, app) => {
  route.get(
    "/api/v1/monitor/board",
    "monitor.board",
    "Bảng giám sát theo cơ quan",
    { response: boardResponse },
    async ({ actor, origin }) => services.monitor.board(actor, origin),
  );

  /**
   * Server-sent events: every request change the caller may read, as it commits. Agency staff get
   * only their agency's; the payload has no personal data.
   */
  const openStreams = new Set<() => void>();
  app.addHook("preClose", async () => {
    for (const end of openStreams) end();
    openStreams.clear();
  });
  route.get(
    "/api/v1/stream",
    "staff",
    "Cập nhật trực tiếp (Server-Sent Events)",
    {},
    async ({ actor, request, reply }) => {
      reply.hijack();
      const raw = reply.raw;
      // Hijacked: Fastify writes nothing, so the security headers given to the reply go out here.
      for (const [name, value] of Object.entries(reply.getHeaders()))
        if (value !== undefined) raw.setHeader(name, value);
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      raw.write("retry: 3000\n\n");
      const unsubscribe = services.live.subscribe((event) => {
        if (liveEventVisible(actor, event)) raw.write(`event: request\ndata: ${JSON.stringify(event)}\n\n`);
      });
      // Phone calls (issue 12): only their id travels; the desk fetches the call and its caller.
      const unsubscribeCalls = can(actor, "call.handle")
        ? services.live.subscribeCalls((event) => {
            raw.write(`event: call\ndata: ${JSON.stringify(event)}\n\n`);
          })
        : () => {};
      // Issue 19: an @mention in an internal note, to the mentioned user only (ids and code, no text).
      const unsubscribeMentions = services.live.subscribeMentions((event) => {
        if (event.userId === actor.userId) raw.write(`event: mention\ndata: ${JSON.stringify(event)}\n\n`);
      });
      // A notification no request event brings (a requester unreached): to those notified only,
      // without the other recipients' ids.
      const unsubscribeNotified = services.live.subscribeNotified(({ userIds, ...signal }) => {
        if (userIds.includes(actor.userId))
          raw.write(`event: notification\ndata: ${JSON.stringify(signal)}\n\n`);
      });
      const heartbeat = setInterval(() => raw.write(": ping\n\n"), 25_000);
      // A session ended elsewhere (logout, password or role change, deactivation) closes the stream.
      const unwatch = request.sessionId
        ? services.sessions.onRevoked(request.sessionId, () => raw.end())
        : () => {};
      const stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribeCalls();
        unsubscribeMentions();
        unsubscribeNotified();
        unwatch();
      };
      // Shutting down (SIGTERM drain): the stream ends so the server can close; EventSource reconnects
      // to another process after `retry`.
      const end = () => raw.end();
      openStreams.add(end);
      request.raw.on("close", () => openStreams.delete(end));
      request.raw.on("close", stop);
      raw.on("close", stop);
      raw.on("error", stop);
      return reply; // hijacked: Fastify sends nothing more
    },
  );
});
