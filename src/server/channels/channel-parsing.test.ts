import { describe, expect, it } from "vitest";
import {
  codeFromMessageIds,
  codeFromSubject,
  isAutomatedMail,
  subjectWithCode,
} from "./email/mail-headers.js";
import { fitText, idString, parseProviderJson, quoteLongIntegers } from "./provider-json.js";

describe("provider JSON", () => {
  it("keeps ids beyond 2^53 exact and leaves digits inside strings alone", () => {
    expect(quoteLongIntegers('{"id":6142494823123456789,"n":12,"t":"a: 12345678901234567}"}')).toBe(
      '{"id":"6142494823123456789","n":12,"t":"a: 12345678901234567}"}',
    );
    expect(parseProviderJson(Buffer.from('{"s":{"id":-1234567890123456789}}'))).toEqual({
      s: { id: "-1234567890123456789" },
    });
    expect(parseProviderJson(Buffer.from('{"t":"say \\"99999999999999999\\""}'))).toEqual({
      t: 'say "99999999999999999"',
    });
  });

  it("refuses what is not a UTF-8 JSON object", () => {
    expect(parseProviderJson(Buffer.from([0xff, 0xfe]))).toBeNull();
    expect(parseProviderJson(Buffer.from("[1,2]"))).toBeNull();
    expect(parseProviderJson(Buffer.from("{"))).toBeNull();
  });

  it("cleans text no column can hold (a signed message is kept, not refused) and drops prototype keys", () => {
    const parsed = parseProviderJson(
      Buffer.from(`{"t":"a\\u0000b\\u001bc\\td\\ud800e 🙏","__proto__":{"x":1},"id":"${"9".repeat(300)}"}`),
    );
    expect(parsed?.t).toBe("abc\td\ufffde 🙏");
    expect(Object.keys(parsed ?? {})).toEqual(["t", "id"]);
    expect(idString(parsed?.id)).toBeNull();
    expect(idString("6142494823123456789")).toBe("6142494823123456789");
  });

  it("shortens texts the providers would refuse", () => {
    expect(fitText("x".repeat(5000))).toHaveLength(2000);
    expect(fitText("ngắn")).toBe("ngắn");
  });
});

describe("mail threading and loop prevention", () => {
  it("finds the request code in subjects and in our Message-IDs", () => {
    expect(codeFromSubject("Re: Re: [2603-7KQ9MX] Tổng đài 1022")).toBe("2603-7KQ9MX");
    expect(codeFromSubject("[1022-2603-7kq9mx] hỏi lại")).toBe("2603-7KQ9MX");
    expect(codeFromSubject("Hỏi 2603-7KQ9MX không ngoặc")).toBeNull();
    expect(codeFromMessageIds(["<abc@x>", "<2603-7KQ9MX.o12.a1b2c3d4e5f6@thanhhoa.gov.vn>"])).toBe(
      "2603-7KQ9MX",
    );
    expect(subjectWithCode("Tiến độ", "2603-7KQ9MX")).toBe("[2603-7KQ9MX] Tiến độ");
    expect(subjectWithCode("[2603-7KQ9MX] Tiến độ", "2603-7KQ9MX")).toBe("[2603-7KQ9MX] Tiến độ");
  });

  it("recognises auto-replies, bounces and lists (RFC 3834), and not a person's mail", () => {
    const headers = (h: Record<string, unknown>) => (name: string) => h[name];
    const person = "an@example.vn";
    expect(isAutomatedMail(headers({}), person, "text/plain")).toBe(false);
    expect(isAutomatedMail(headers({ "auto-submitted": "no" }), person, "text/plain")).toBe(false);
    expect(
      isAutomatedMail(headers({ "return-path": { text: "an@example.vn", value: [] } }), person, "text/plain"),
    ).toBe(false);
    expect(isAutomatedMail(headers({ "auto-submitted": "auto-replied" }), person, "text/plain")).toBe(true);
    expect(isAutomatedMail(headers({ precedence: "bulk" }), person, "text/plain")).toBe(true);
    expect(isAutomatedMail(headers({ "x-loop": "yes" }), person, "text/plain")).toBe(true);
    expect(isAutomatedMail(headers({ "return-path": { text: "<>", value: [] } }), person, "text/plain")).toBe(
      true,
    );
    expect(isAutomatedMail(headers({}), person, "multipart/report")).toBe(true);
    expect(isAutomatedMail(headers({}), "MAILER-DAEMON@mx.example.net", "text/plain")).toBe(true);
    expect(isAutomatedMail(headers({}), "noreply@bank.example", "text/plain")).toBe(true);
  });
});
