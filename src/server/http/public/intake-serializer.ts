import type { serializerCompiler } from "fastify-type-provider-zod";
import { publicRequestCreated } from "../../../shared/schemas/requests.js";
import { followSerializerCompiler } from "./follow-serializer.js";

/**
 * The app's serializer compiler (app.ts). The portal submission's 201 answer (bench/intake) —
 * code, status, receipt — is written directly: the same bytes as Zod's `encode` then
 * `JSON.stringify` (Zod encodes without its compiled fast path: ≈ 1.5 % of a submission's server
 * CPU). Only an answer of exactly that shape takes this path; anything else, and every other
 * schema, goes to the follow answer's compiler (follow-serializer.ts) and from there to Zod's,
 * which check and fail as before. `intake-serializer.test.ts` compares the bytes.
 */
export const intakeSerializerCompiler: typeof serializerCompiler = (route) => {
  const next = followSerializerCompiler(route);
  if (route.schema !== publicRequestCreated) return next;
  return (data: unknown) => {
    if (
      typeof data === "object" &&
      data !== null &&
      "code" in data &&
      "status" in data &&
      "receipt" in data
    ) {
      const { code, status, receipt } = data;
      if (typeof code === "string" && status === "received" && typeof receipt === "string")
        return `{"code":${JSON.stringify(code)},"status":"received","receipt":${JSON.stringify(receipt)}}`;
    }
    return next(data);
  };
};
