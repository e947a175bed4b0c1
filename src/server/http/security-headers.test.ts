import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import helmet from "helmet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useStaffApp } from "../../test/staff-app.js";
import { helmetOptions, securityHeadersOf } from "./security-headers.js";

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
  });
});
