import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../../test/harness.js";

const t = await createTestApp();
afterAll(() => t.close());

describe("GET /healthz", () => {
  it("answers ok once the database answers", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("serves the OpenAPI document", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    expect(res.json().paths["/healthz"]).toBeDefined();
  });

  it("answers unknown paths with a Vietnamese 404", async () => {
    const res = await t.app.inject({ method: "GET", url: "/nope" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("NOT_FOUND");
  });
});
