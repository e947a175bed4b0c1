import type { FastifyInstance } from "fastify";
import { AppError } from "../../shared/errors.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

const mayHoldPrototypeKey = (text: string) =>
  text.includes("__proto__") || text.includes("constructor") || text.includes("\\u");

function refusePrototypeKeys(key: string, v: unknown): unknown {
  if ((key === "__proto__" || key === "constructor") && typeof v === "object") {
    throw new AppError("BAD_JSON", "Nội dung gửi lên chứa khoá không được phép.");
  }
  return v;
}

/**
 * JSON bodies must be valid UTF-8 (Fastify would silently replace bad bytes) and may not carry
 * prototype keys: both answer 400 BAD_JSON. Characters no field may hold (NUL, lone surrogates,
 * control characters) are refused after parsing by the input-hygiene layer (input-hygiene.ts).
 */
export function registerStrictJson(app: FastifyInstance): void {
  app.removeContentTypeParser("application/json");
  // Only JSON and multipart are spoken; anything else is 415, not a string the schema rejects.
  app.removeContentTypeParser("text/plain");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch (cause) {
      done(
        new AppError("BAD_JSON", "Nội dung gửi lên không phải văn bản UTF-8 hợp lệ.", { cause }),
        undefined,
      );
      return;
    }
    if (text.trim() === "") {
      done(new AppError("BAD_JSON", "Nội dung gửi lên đang trống."), undefined);
      return;
    }
    try {
      // The reviver (a call per value: three times the parse, bench/intake) only when a prototype
      // key can be in the text: spelled out, or hidden behind a \u escape.
      const value: unknown = mayHoldPrototypeKey(text)
        ? JSON.parse(text, refusePrototypeKeys)
        : JSON.parse(text);
      done(null, value);
    } catch (cause) {
      done(cause instanceof AppError ? cause : new AppError("BAD_JSON", undefined, { cause }), undefined);
    }
  });
}
