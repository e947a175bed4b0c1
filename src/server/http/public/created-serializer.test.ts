import { serializerCompiler } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { errorResponse } from "../../../shared/schemas/common.js";
import { publicRequestCreated } from "../../../shared/schemas/requests.js";
import { appSerializerCompiler } from "./follow-serializer.js";

const route = {
  schema: publicRequestCreated,
  method: "POST",
  url: "/api/v1/public/requests",
  httpStatus: "201",
};
const fast = appSerializerCompiler(route);
const zod = serializerCompiler(route);

describe("the portal submission's 201 serializer (bench/intake)", () => {
  it("writes the same bytes as Zod's serializer", () => {
    for (const answer of [
      {
        code: "2612-ABCDEF",
        status: "received",
        receipt: "mj3k1x2a.AbC-_09xyzAbC-_09xyzAbC-_09xyzAbC-_09xyz",
      },
      { code: 'odd "code" </script> \u2028 Đ', status: "received", receipt: "\\\n" },
      // Unknown keys are left out, as Zod leaves them out.
      { receipt: "r", extra: "not sent", status: "received", code: "2612-ZZZZZZ" },
    ]) {
      expect(fast(answer)).toBe(zod(answer));
    }
  });

  it("gives anything of another shape to Zod, which refuses it as before", () => {
    for (const wrong of [
      { code: "2612-ABCDEF", status: "answered", receipt: "r" },
      { code: 7, status: "received", receipt: "r" },
      { code: "2612-ABCDEF", status: "received" },
      null,
      "text",
    ]) {
      expect(() => fast(wrong)).toThrow();
      expect(() => zod(wrong)).toThrow();
    }
  });

  it("leaves every other schema to the app's serializer", () => {
    const error = { error: { code: "RATE_LIMITED", message: "Quá nhiều yêu cầu." } };
    const other = {
      schema: errorResponse,
      method: "POST",
      url: "/api/v1/public/requests",
      httpStatus: "429",
    };
    expect(appSerializerCompiler(other)(error)).toBe(serializerCompiler(other)(error));
  });
});
