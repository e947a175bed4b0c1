import { describe, expect, it } from "vitest";
import { validSubmission } from "../../test/citizen.js";
import { createTestApp } from "../../test/harness.js";
import { useStaffApp } from "../../test/staff-app.js";
import { apiDocsEnabled } from "../config.js";

/** Issue 14: the public forms are not staff writes; /api/docs is off in production. */
describe("public forms with a staff cookie present", () => {
  const s = useStaffApp({ users: ["operator"] });
  const valid = validSubmission;

  it("the follow form and a citizen's submission work for a signed-in operator without the CSRF header", async () => {
    const created = await s.t.app.inject({
      method: "POST",
      url: "/api/v1/public/requests",
      headers: { cookie: s.operator.cookie },
      payload: valid,
    });
    expect(created.statusCode).toBe(201);
    const code = created.json<{ code: string }>().code;
    const follow = await s.t.app.inject({
      method: "POST",
      url: "/tra-cuu",
      headers: { cookie: s.operator.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: `ma=${code}&sdt=${valid.phone}`,
    });
    expect(follow.statusCode).toBe(200);
    expect(follow.body).toContain(code);
  });

  it("staff writes and the session's own routes still need the CSRF header", async () => {
    const write = await s.t.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      headers: { cookie: s.operator.cookie },
      payload: { requester: { fullName: "An" }, content: "Hỏi đáp" },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe("CSRF");
    const logout = await s.t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: s.operator.cookie },
    });
    expect(logout.statusCode).toBe(403);
    // A staff path without a declared route is refused the same way (no gap for a hand-made route).
    const unknown = await s.t.app.inject({
      method: "POST",
      url: "/api/v1/requests/not-a-route",
      headers: { cookie: s.operator.cookie },
    });
    expect(unknown.statusCode).toBe(403);
  });
});

describe("API description in production", () => {
  it("is off in production unless API_DOCS=on, on elsewhere unless API_DOCS=off", () => {
    expect(apiDocsEnabled({ NODE_ENV: "production", API_DOCS: undefined })).toBe(false);
    expect(apiDocsEnabled({ NODE_ENV: "production", API_DOCS: "on" })).toBe(true);
    expect(apiDocsEnabled({ NODE_ENV: "development", API_DOCS: undefined })).toBe(true);
    expect(apiDocsEnabled({ NODE_ENV: "test", API_DOCS: "off" })).toBe(false);
  });

  it.each([
    ["production", undefined, 404],
    ["production", "on", 200],
  ] as const)(
    "NODE_ENV=%s API_DOCS=%s → /api/docs and /api/openapi.json answer %i",
    async (env, docs, status) => {
      const t = await createTestApp({ NODE_ENV: env, ...(docs ? { API_DOCS: docs } : {}) });
      try {
        const ui = await t.app.inject({ method: "GET", url: "/api/docs/" });
        const json = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
        expect(ui.statusCode).toBe(status);
        expect(json.statusCode).toBe(status);
        // The API's index names the description only where it is served.
        const index = (await t.app.inject({ method: "GET", url: "/api/v1/" })).json();
        expect(index.openapi).toBe(status === 200 ? "/api/openapi.json" : null);
        expect(index.description).toBe(status === 200 ? "/api/docs" : null);
      } finally {
        await t.close();
      }
    },
  );
});
