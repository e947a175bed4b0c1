import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validSubmission } from "../../../test/citizen.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { multipart, sampleFiles } from "../../../test/multipart.js";

/**
 * Issue 16: the multipart plugin lives only in the scopes of the routes that take files (uploads.ts),
 * so its two hooks no longer run on every request. Everywhere else a multipart body must answer as
 * it did when the plugin was on every route: left unread, refused by the route's own schema — not
 * 415 — and the upload routes read their forms as before.
 */
describe("multipart bodies where no file is taken, and where files are", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: "reference" });
  });
  afterAll(async () => t?.close());

  const form = multipart({ username: "operator", password: "demo1022" });

  it("a JSON route given a form answers its schema's 400 (body missing), not 415", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", ...form });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: "VALIDATION",
      details: [{ field: "body", code: "invalid_type" }],
    });
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
  });

  it("an unknown path given a form answers 404, and another media type still 415", async () => {
    const unknown = await t.app.inject({ method: "POST", url: "/api/v1/nowhere", ...form });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("NOT_FOUND");
    const text = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "content-type": "text/plain" },
      payload: "operator",
    });
    expect(text.statusCode).toBe(415);
  });

  it("the portal submission still reads its form and files", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/public/requests",
      ...multipart(validSubmission, [
        { filename: "a.png", contentType: "image/png", content: sampleFiles.png },
      ]),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().code).toEqual(expect.any(String));
  });
});
