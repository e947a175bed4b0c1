import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { type AddressInfo, connect } from "node:net";
import helmet from "helmet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useStaffApp } from "../../test/staff-app.js";
import { clientErrorHandler } from "./errors.js";
import { helmetOptions, securityHeadersOf } from "./security-headers.js";

/** Writes raw bytes to a server and reads everything it answers until it closes the connection. */
function rawExchange(
  port: number,
  bytes: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      received += chunk;
    });
    // The server may close while bytes it did not read are still arriving (a reset): what it answered counts.
    socket.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "ECONNRESET" ? undefined : reject(error),
    );
    socket.on("close", () => {
      const [head = "", body = ""] = received.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body });
    });
    socket.write(bytes);
  });
}

/** The headers a real Node response carries when Helmet's middleware sets them on it, as before. */
async function helmetOnARealResponse(production: boolean): Promise<Record<string, string>> {
  // The recorder is what is checked here: the options are the module's own.
  const middleware = helmet(helmetOptions(production));
  const server = createServer((req, res) => middleware(req, res, () => res.end("ok")));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      if (!["date", "connection", "keep-alive", "content-length", "transfer-encoding"].includes(name))
        headers[name] = value;
    });
    return headers;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("security headers computed once (issue 16)", () => {
  it.each([true, false])("are exactly Helmet's on a real response (production: %s)", async (production) => {
    expect(securityHeadersOf(production)).toEqual(await helmetOnARealResponse(production));
  });

  it("production adds HSTS and upgrade-insecure-requests, elsewhere neither", () => {
    expect(securityHeadersOf(true)["strict-transport-security"]).toMatch(/max-age=/);
    expect(securityHeadersOf(true)["content-security-policy"]).toContain("upgrade-insecure-requests");
    expect(securityHeadersOf(false)["strict-transport-security"]).toBeUndefined();
    expect(securityHeadersOf(false)["content-security-policy"]).not.toContain("upgrade-insecure-requests");
  });
});

describe("every kind of answer carries them", () => {
  const s = useStaffApp({ users: ["operator"] });
  const expected = securityHeadersOf(false);
  const carries = (headers: IncomingHttpHeaders | Record<string, unknown>, except: string[] = []) => {
    for (const [name, value] of Object.entries(expected)) {
      if (!except.includes(name)) expect([name, headers[name]]).toEqual([name, value]);
    }
    expect(headers["x-powered-by"]).toBeUndefined();
  };

  it.each([
    ["a cached portal page", "/hoi-dap", 200],
    ["a cached portal page, gzip", "/hoi-dap", 200, { "accept-encoding": "gzip" }],
    ["a failed follow look-up (JSON 404)", "/api/v1/public/requests/XX-0000?phone=0912345678", 404],
    ["input refused by input hygiene", "/hoi-dap?q=%00", 400],
    ["an unknown page", "/khong-co-trang-nay", 404],
    ["a staff route without a session", "/api/v1/requests", 401],
  ] as [string, string, number, Record<string, string>?][])(
    "%s",
    async (_what, url, status, headers = {}) => {
      const res = await s.t.app.inject({ method: "GET", url, headers });
      expect(res.statusCode).toBe(status);
      carries(res.headers);
    },
  );

  it("a route's own header still wins (the follow link's no-referrer)", async () => {
    const res = await s.t.app.inject({ method: "GET", url: `/theo-doi/${"x".repeat(43)}` });
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    carries(res.headers, ["referrer-policy"]);
  });

  describe("the hijacked staff event stream", () => {
    let base: string;
    beforeAll(async () => {
      await s.t.app.listen({ port: 0, host: "127.0.0.1" });
      base = `http://127.0.0.1:${(s.t.app.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await s.t.app.close();
    });

    it("writes them itself", async () => {
      const headers = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
        const req = httpRequest(
          `${base}/api/v1/stream`,
          { headers: { cookie: s.operator.cookie } },
          (res) => {
            resolve(res.headers);
            res.destroy();
          },
        );
        req.on("error", reject);
        req.end();
      });
      expect(headers["content-type"]).toBe("text/event-stream; charset=utf-8");
      carries(headers);
    });

    // Refused by Node's HTTP parser before Fastify sees a request (clientErrorHandler in errors.ts).
    const port = () => Number(new URL(base).port);
    it.each([
      ["a garbage request line", "HELLO THERE\r\n\r\n", 400, "malformed"],
      [
        "a header with a control character",
        "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u0001c\r\n\r\n",
        400,
        "malformed",
      ],
      [
        "headers over the size limit",
        `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
        431,
        "too_long",
      ],
    ])(
      "%s: JSON BAD_INPUT naming the request, headers, connection closed",
      async (_what, bytes, status, code) => {
        const res = await rawExchange(port(), bytes);
        expect(res.status).toBe(status);
        expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
        expect(res.headers.connection).toBe("close");
        expect(res.headers["cache-control"]).toBe("no-store");
        carries(res.headers);
        const { error } = JSON.parse(res.body);
        expect(error.code).toBe("BAD_INPUT");
        expect(error.details).toEqual([{ field: "request", code, message: expect.any(String) }]);
      },
    );
  });

  it("headers too slow: 408 JSON (a Node server with short timeouts and the same handler)", async () => {
    const server = createServer({
      headersTimeout: 200,
      requestTimeout: 200,
      connectionsCheckingInterval: 50,
    });
    server.on("clientError", clientErrorHandler(expected));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const res = await rawExchange((server.address() as AddressInfo).port, "GET / HTTP/1.1\r\nHost: a\r\n");
      expect(res.status).toBe(408);
      expect(res.headers.connection).toBe("close");
      carries(res.headers);
      expect(JSON.parse(res.body).error.details[0]).toMatchObject({ field: "request", code: "timeout" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
