import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../../test/harness.js";

const t = await createTestApp();
afterAll(() => t.close());

describe("GET /healthz", () => {
  it("answers ok once the database answers", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", pid: process.pid });
    expect(["listening", "connecting"]).toContain(res.json().relay);
  });

  it("answers the API's address (the one `npm start` prints) with an index, not a 404", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/" });
    expect(res.statusCode).toBe(200);
    const index = res.json();
    expect(index).toMatchObject({
      name: "Tổng đài 1022 API",
      health: "/healthz",
      openapi: "/api/openapi.json",
    });
    // Every address it names answers.
    for (const url of [index.description, index.openapi, index.health, index.open311]) {
      const linked = await t.app.inject({ method: "GET", url: url === "/api/docs" ? "/api/docs/" : url });
      expect(linked.statusCode, url).toBe(200);
    }
    // Without a trailing slash too, and without a session (it is public, not a staff route).
    const bare = await t.app.inject({ method: "GET", url: "/api/v1" });
    expect(bare.statusCode).toBe(200);
    expect(bare.json()).toEqual(index);
  });

  it("serves the OpenAPI document", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    expect(res.json().paths["/healthz"]).toBeDefined();
    expect(res.json().paths["/api/v1/"]).toBeDefined();
  });

  it("answers unknown API paths with a Vietnamese 404 in JSON, unknown pages with a citizen's page", async () => {
    const api = await t.app.inject({ method: "GET", url: "/api/v1/nope" });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe("NOT_FOUND");
    // Issue 18: a citizen who mistypes an address gets a page with the hotline, not raw JSON.
    const page = await t.app.inject({ method: "GET", url: "/nope" });
    expect(page.statusCode).toBe(404);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.body).toMatch(/1022/);
  });
});
