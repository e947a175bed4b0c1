import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { solveCaptcha } from "../../../test/captcha.js";
import { validSubmission as citizen, submitPortal } from "../../../test/citizen.js";
import type { TestApp } from "../../../test/harness.js";
import { useTestApp } from "../../../test/hooks.js";
import { multipart, sampleFiles } from "../../../test/multipart.js";
import { execRawOne } from "../../db/client.js";

const counts = async (t: TestApp) =>
  (await execRawOne<{ requests: number; attachments: number }>(
    t.ctx.db,
    sql`select (select count(*)::int from requests) as requests, (select count(*)::int from attachments) as attachments`,
  )) ?? { requests: 0, attachments: 0 };

describe("POST /api/v1/public/requests — captcha (ALTCHA, self-hosted)", () => {
  const t = useTestApp({ CAPTCHA: "on" });

  const submit = (captcha?: string) => submitPortal(t.app, { captcha });

  it("missing → 400 CAPTCHA_REQUIRED, invalid → 400 CAPTCHA_INVALID, nothing stored", async () => {
    const missing = await submit();
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({
      code: "CAPTCHA_REQUIRED",
      message: expect.stringContaining("Vui lòng"),
    });
    const invalid = await submit(
      Buffer.from('{"algorithm":"SHA-256","challenge":"x","number":1,"salt":"y","signature":"z"}').toString(
        "base64",
      ),
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe("CAPTCHA_INVALID");
    expect((await counts(t)).requests).toBe(0);
  });

  it("valid → 201 with a code; the same payload replayed → 400 CAPTCHA_INVALID", async () => {
    const payload = await solveCaptcha(t.app);
    const ok = await submit(payload);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      code: expect.stringMatching(/^\d{4}-[0-9A-Z]{6}$/),
      status: "received",
    });
    const replay = await submit(payload);
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe("CAPTCHA_INVALID");
    expect((await counts(t)).requests).toBe(1);
  });

  it("a multipart submission carries the captcha as a form field", async () => {
    const body = multipart({ ...citizen, captcha: await solveCaptcha(t.app) });
    const res = await t.app.inject({ method: "POST", url: "/api/v1/public/requests", ...body });
    expect(res.statusCode).toBe(201);
  });
});

describe("POST /api/v1/public/requests — attachments (R-CH2)", () => {
  const t = useTestApp(); // CAPTCHA=off: trusted test integration

  const send = (fields: Record<string, string>, files: Parameters<typeof multipart>[1]) =>
    t.app.inject({ method: "POST", url: "/api/v1/public/requests", ...multipart(fields, files) });
  /** The whole submission is refused with `status` (and this error, if given); nothing is stored. */
  const expectRefused = async (
    files: Parameters<typeof multipart>[1],
    status: number,
    error?: { code: string; message: unknown },
  ) => {
    const before = await counts(t);
    const res = await send(citizen, files);
    expect(res.statusCode).toBe(status);
    if (error) expect(res.json().error).toMatchObject(error);
    expect(await counts(t)).toEqual(before);
  };

  it("stores JPEG, PNG, WebP and PDF by their magic bytes with the request; the publication choice too", async () => {
    const before = await counts(t);
    const res = await send({ ...citizen, publishConsent: "false", field: "an-sinh-xa-hoi", email: "" }, [
      { filename: "anh.jpg", contentType: "image/jpeg", content: sampleFiles.jpeg },
      // Declared wrongly by the phone: the bytes decide.
      { filename: "chup-man-hinh.png", contentType: "application/octet-stream", content: sampleFiles.png },
      { filename: "anh.webp", contentType: "image/webp", content: sampleFiles.webp },
      { filename: "../../giay-xac-nhan.pdf", contentType: "application/pdf", content: sampleFiles.pdf },
    ]);
    expect(res.statusCode).toBe(201);
    const { code } = res.json();
    const rows = await t.ctx.db.execute(
      sql`select a.filename, a.mime_type, a.size_bytes, r.publish_consent from attachments a join requests r on r.id = a.request_id
          where r.code = ${code} order by a.filename`,
    );
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([
      {
        filename: "anh.jpg",
        mime_type: "image/jpeg",
        size_bytes: sampleFiles.jpeg.length,
        publish_consent: false,
      },
      {
        filename: "anh.webp",
        mime_type: "image/webp",
        size_bytes: sampleFiles.webp.length,
        publish_consent: false,
      },
      {
        filename: "chup-man-hinh.png",
        mime_type: "image/png",
        size_bytes: sampleFiles.png.length,
        publish_consent: false,
      },
      {
        filename: "giay-xac-nhan.pdf",
        mime_type: "application/pdf",
        size_bytes: sampleFiles.pdf.length,
        publish_consent: false,
      },
    ]);
    expect(await counts(t)).toEqual({ requests: before.requests + 1, attachments: before.attachments + 4 });
  });

  it("a file over 5 MB → 413 in Vietnamese, nothing stored", async () => {
    const big = Buffer.concat([sampleFiles.jpeg, Buffer.alloc(5 * 1024 * 1024)]);
    const files = [
      { filename: "nho.png", contentType: "image/png", content: sampleFiles.png },
      { filename: "lon.jpg", contentType: "image/jpeg", content: big },
    ];
    await expectRefused(files, 413, { code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("5 MB") });
  });

  it("more than 5 files → 413, nothing stored", async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({
      filename: `${i}.png`,
      contentType: "image/png",
      content: sampleFiles.png,
    }));
    await expectRefused(six, 413);
  });

  it("wrong magic bytes (an executable named .png, declared image/png) → 415 in Vietnamese, nothing stored", async () => {
    const files = [
      { filename: "anh.png", contentType: "image/png", content: sampleFiles.png },
      { filename: "virus.png", contentType: "image/png", content: sampleFiles.exe },
    ];
    await expectRefused(files, 415, {
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: expect.stringContaining("virus.png"),
    });
  });

  it("validation errors of a multipart submission name the field, in Vietnamese", async () => {
    const res = await send({ ...citizen, fullName: "", phone: "12345" }, []);
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .error.details.map((d: { field: string; message: string }) => [d.field, d.message]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ["fullName", "Vui lòng nhập họ và tên"],
        ["phone", expect.stringContaining("Số điện thoại không hợp lệ")],
      ]),
    );
  });
});
