import { beforeAll, describe, expect, it } from "vitest";
import { multipart, sampleFiles } from "../../test/multipart.js";
import { signIn } from "../../test/staff.js";
import { useStaffApp } from "../../test/staff-app.js";
import { mayBeCached } from "./cache-headers.js";

/** `Cache-Control: no-store` on every answer that may carry personal data (issue 14). */
describe("no-store on responses with personal data", () => {
  const s = useStaffApp({ users: ["operator"] });
  let requestId = "";
  let attachmentId = "";
  let code = "";
  const phone = "0987654321";

  beforeAll(async () => {
    const form = multipart(
      {
        fullName: "Nguyễn Văn An",
        phone,
        address: "Thôn 3, xã Quảng Phú",
        content: "Xin hỏi thủ tục nhận hỗ trợ cho lao động mất việc do dịch bệnh?",
      },
      [{ filename: "giay-to.pdf", contentType: "application/pdf", content: sampleFiles.pdf }],
    );
    const created = await s.t.app.inject({ method: "POST", url: "/api/v1/public/requests", ...form });
    expect(created.statusCode).toBe(201);
    code = created.json<{ code: string }>().code;
    const list = await s.operator.inject({ method: "GET", url: "/api/v1/requests" });
    requestId = list.json<{ items: { id: string }[] }>().items[0]?.id ?? "";
    const detail = await s.operator.inject({ method: "GET", url: `/api/v1/requests/${requestId}` });
    attachmentId = detail.json<{ attachments: { id: string }[] }>().attachments[0]?.id ?? "";
    expect(attachmentId).not.toBe("");
  });

  const staff = (url: string) => () => s.operator.inject({ method: "GET", url });
  const anonymous = (url: string) => () => s.t.app.inject({ method: "GET", url });

  it.each([
    ["the signed-in user (/auth/me)", () => staff("/api/v1/auth/me")(), 200],
    ["the staff request list", () => staff("/api/v1/requests")(), 200],
    ["a request's detail", () => staff(`/api/v1/requests/${requestId}`)(), 200],
    [
      "an attachment download",
      () => staff(`/api/v1/requests/${requestId}/attachments/${attachmentId}`)(),
      200,
    ],
    ["a requester lookup", () => staff(`/api/v1/requesters/lookup?phone=${phone}`)(), 200],
    [
      "the user list (admin data)",
      async () => (await signIn(s.t.app, "admin")).inject({ method: "GET", url: "/api/v1/admin/users" }),
      200,
    ],
    [
      "the public follow lookup (JSON)",
      () => anonymous(`/api/v1/public/requests/${code}?phone=${phone}`)(),
      200,
    ],
    [
      "the public follow lookup, not found",
      () => anonymous(`/api/v1/public/requests/${code}?phone=0911111111`)(),
      404,
    ],
    ["the follow page", () => anonymous(`/tra-cuu?ma=${code}`)(), 200],
    [
      "the follow form's answer",
      () =>
        s.t.app.inject({
          method: "POST",
          url: "/tra-cuu",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          payload: `ma=${code}&sdt=${phone}`,
        }),
      200,
    ],
    ["an error answer on a staff route", () => anonymous("/api/v1/requests")(), 401],
    ["a refused input", () => anonymous("/api/v1/public/requests/%00")(), 400],
  ] as const)("%s → no-store", async (_name, call, status) => {
    const res = await call();
    expect(res.statusCode).toBe(status);
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("published content may still be cached", async () => {
    const answers = await s.t.app.inject({ method: "GET", url: "/api/v1/public/answers" });
    expect(answers.statusCode).toBe(200);
    expect(answers.headers["cache-control"]).not.toBe("no-store");
    const page = await s.t.app.inject({ method: "GET", url: "/hoi-dap" });
    expect(page.headers["cache-control"]).toMatch(/public/);
    expect(mayBeCached("/api/v1/public/answers/2603-ABCDEF")).toBe(true);
    expect(mayBeCached("/api/v1/public/answersX")).toBe(false);
    expect(mayBeCached("/api/v1/public/requests/2603-ABCDEF?phone=1")).toBe(false);
  });
});
