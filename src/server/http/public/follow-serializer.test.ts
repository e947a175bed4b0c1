import { serializerCompiler } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorResponse } from "../../../shared/schemas/common.js";
import { publicRequestView } from "../../../shared/schemas/requests.js";
import { appSerializerCompiler } from "./follow-serializer.js";

const route = {
  schema: publicRequestView,
  method: "GET",
  url: "/api/v1/public/requests/:code",
  httpStatus: "200",
};
const fast = appSerializerCompiler(route as never);
const zod = serializerCompiler(route as never);

const base = {
  code: "2612-ABCDEF",
  status: "received",
  statusText: "Đã tiếp nhận",
  receivedAt: "2026-12-02T09:17:59.965+07:00",
  channel: "portal",
  field: null,
  history: [],
  appointmentAt: null,
  agency: null,
  merged: false,
  answer: null,
  conversation: { messages: [], awaitingReply: false, replyToken: null },
  feedback: { open: false, given: null, token: null },
};
const full = {
  ...base,
  status: "published",
  field: 'Y tế "xét nghiệm" </script> \u2028',
  history: [
    { at: "2026-12-02T09:17:59.965+07:00", text: "Tổng đài 1022 đã tiếp nhận yêu cầu." },
    { at: "2026-12-02T10:00:00.000+07:00", text: "Kết quả trả lời đã được công khai\n(dòng 2)." },
  ],
  appointmentAt: "2026-12-05T08:00:00.000+07:00",
  agency: "Sở Y tế",
  merged: true,
  answer: {
    text: "Trả lời: liên hệ trạm y tế xã.",
    agency: "Sở Y tế",
    publishedAt: "2026-12-02T10:00:00.000+07:00",
    attachments: [
      { id: "a1b2", filename: "công văn.pdf", mimeType: "application/pdf", sizeBytes: 1234, url: "/x" },
    ],
  },
  conversation: {
    messages: [
      {
        direction: "out",
        from: "Sở Y tế",
        body: "Xin bổ sung địa chỉ?",
        at: "2026-12-02T09:30:00.000+07:00",
      },
      { direction: "in", from: "Bạn", body: "Thôn 3 😀", at: "2026-12-02T09:40:00.000+07:00" },
    ],
    awaitingReply: true,
    replyToken: "2612-ABCDEF.1796185104160.S1R",
  },
  feedback: {
    open: false,
    given: { resolved: true, rating: 5, at: "2026-12-02T11:00:00.000+07:00" },
    token: null,
  },
};

describe("the follow answer's compiled serializer (issue 16)", () => {
  it("writes exactly the bytes of the Zod serializer, for every shape of the answer", () => {
    const shapes = [
      base,
      full,
      { ...full, answer: { ...full.answer, agency: null, publishedAt: null, attachments: [] } },
      { ...base, feedback: { open: true, given: null, token: "t.1.x" } },
      // Keys outside the schema are left out, as Zod leaves them out; key order is the schema's.
      { extra: 1, ...full, contactPhone: "0912345678", answer: { ...full.answer, secret: "x" } },
      Object.fromEntries(Object.entries(full).reverse()),
    ];
    for (const shape of shapes) expect(fast(shape)).toBe(zod(shape));
  });

  it("is compared on a fixture that holds every property of the schema (a new field fails here first)", () => {
    // Every property path of the answer's JSON schema, arrays' items included…
    const paths = (node: unknown, at: string): string[] => {
      const n = node as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[] };
      const own = Object.entries(n.properties ?? {}).flatMap(([k, v]) => [
        `${at}.${k}`,
        ...paths(v, `${at}.${k}`),
      ]);
      return [
        ...own,
        ...(n.items ? paths(n.items, `${at}[]`) : []),
        ...(n.anyOf ?? []).flatMap((v) => paths(v, at)),
      ];
    };
    // …and every key path the fixture holds.
    const held = (value: unknown, at: string): string[] =>
      Array.isArray(value)
        ? value.flatMap((v) => held(v, `${at}[]`))
        : typeof value === "object" && value !== null
          ? Object.entries(value).flatMap(([k, v]) => [`${at}.${k}`, ...held(v, `${at}.${k}`)])
          : [];
    const schema = z.toJSONSchema(publicRequestView, { io: "output", unrepresentable: "any" });
    const have = new Set(held(full, ""));
    expect(paths(schema, "").filter((p) => !have.has(p))).toEqual([]);
  });

  it("fails on a wrong value exactly as the Zod serializer does", () => {
    const wrong: unknown[] = [
      { ...base, status: "lost" },
      { ...base, channel: "fax" },
      { ...base, receivedAt: "2026-13-02T09:17:59.965+07:00" },
      { ...base, receivedAt: "2026-12-02 09:17" },
      { ...base, receivedAt: new Date() },
      { ...base, merged: "no" },
      { ...base, code: undefined },
      { ...base, history: [{ at: base.receivedAt }] },
      { ...full, feedback: { ...full.feedback, given: { ...full.feedback.given, rating: 4.5 } } },
      {
        ...full,
        conversation: {
          ...full.conversation,
          messages: [{ ...full.conversation.messages[0], direction: "up" }],
        },
      },
      {
        ...full,
        answer: { ...full.answer, attachments: [{ ...full.answer.attachments[0], sizeBytes: "12" }] },
      },
      null,
      [],
    ];
    for (const value of wrong) {
      const expected = (() => {
        try {
          zod(value);
          return "no error";
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      })();
      expect(expected).not.toBe("no error");
      expect(() => fast(value)).toThrow(expected.slice(expected.indexOf(": ") + 2));
    }
  });

  it("leaves every other schema to Zod", () => {
    const other = appSerializerCompiler({ ...route, schema: errorResponse } as never);
    const body = { error: { code: "NOT_FOUND", message: "Không tìm thấy." } };
    expect(other(body)).toBe(serializerCompiler({ ...route, schema: errorResponse } as never)(body));
  });
});
