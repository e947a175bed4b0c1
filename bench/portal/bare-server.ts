/**
 * The baselines (bench/portal): a bare Fastify route returning a static string, nothing else; and
 * `/bytes?n=N`, the same bare route sending N bytes of HTML — as many as /hoi-dap sends — so the
 * cost of the bytes themselves (socket writes, the load generator reading them) is measured apart
 * from the server's own work per answer.
 */
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/", async () => "Tổng đài 1022");
const bodies = new Map<number, Buffer>();
app.get<{ Querystring: { n?: string } }>("/bytes", async (request, reply) => {
  const n = Math.min(1_000_000, Math.max(0, Number(request.query.n ?? 0) || 0));
  let body = bodies.get(n);
  if (!body) {
    body = Buffer.alloc(n, "<p>Tổng đài 1022</p>\n");
    bodies.set(n, body);
  }
  return reply.type("text/html; charset=utf-8").send(body);
});
await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT ?? 0) });
