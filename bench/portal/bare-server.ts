/** The baseline: a bare Fastify route returning a static string, nothing else (bench/portal). */
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/", async () => "Tổng đài 1022");
await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT ?? 0) });
