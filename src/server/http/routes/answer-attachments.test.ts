import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ATTACHMENT_LIMITS } from "../../../shared/portal.js";
import {
  answerAttachment,
  answerAttachmentList,
  answerAttachmentsUploaded,
} from "../../../shared/schemas/answer-attachments.js";
import { publicRequestView, publishedAnswer } from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import { type FilePart, multipart, sampleFiles } from "../../../test/multipart.js";
import type { StaffSession } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRaw } from "../../db/client.js";

/**
 * Issue 19, answers with attachments: the answering staff upload an official letter or photos,
 * checked by content like citizen uploads; the answer names them; publishing publishes the public
 * ones (each confirmed checked for personal data), never the internal ones.
 */
describe("answer attachments (issue 19)", () => {
  const s = useStaffApp({ now: new Date("2026-03-10T09:00:00+07:00"), otherFocal: true });

  const letter: FilePart = {
    filename: "cong-van-123.pdf",
    contentType: "application/pdf",
    content: sampleFiles.pdf,
  };
  const photo: FilePart = {
    filename: "anh-hien-truong.jpg",
    contentType: "image/jpeg",
    content: sampleFiles.jpeg,
  };
  const answerText = "Trạm y tế phường tiêm vắc xin cho trẻ dưới 12 tuổi vào sáng thứ Bảy hằng tuần.";

  const upload = (as: StaffSession, id: string, visibility: string | null, files: FilePart[]) => {
    const body = multipart(visibility === null ? {} : { visibility }, files);
    return as.inject({
      method: "POST",
      url: `/api/v1/requests/${id}/answer-attachments`,
      payload: body.payload,
      headers: body.headers,
    });
  };
  const uploaded = async (as: StaffSession, id: string, visibility: string, files: FilePart[]) =>
    json(await upload(as, id, visibility, files), answerAttachmentsUploaded, 201).items;
  const listed = async (as: StaffSession, id: string) =>
    json(await as.inject({ url: `/api/v1/requests/${id}/answer-attachments` }), answerAttachmentList);
  const rowsOf = (requestId: string) =>
    execRaw<{ id: string; public_id: string; filename: string }>(
      s.t.ctx.db,
      sql`select id, public_id, filename from attachments where request_id = ${requestId} and kind = 'answer' order by created_at, id`,
    );
  const publicIdOf = async (requestId: string, filename: string) => {
    const row = (await rowsOf(requestId)).find((r) => r.filename === filename);
    if (!row) throw new Error(`no ${filename}`);
    return row.public_id;
  };
  const remove = (as: StaffSession, id: string, attachmentId: string) =>
    as.inject({ method: "DELETE", url: `/api/v1/requests/${id}/answer-attachments/${attachmentId}` });
  const download = (publicId: string) =>
    s.t.app.inject({ url: `/api/v1/public/answer-attachments/${publicId}` });

  it("bad files are refused with a stable code and leave nothing behind; limits count files not yet sent", async () => {
    const d = await s.forwarded();
    // A PDF that is not one (Windows executable bytes under a .pdf name and type).
    const fake = error(
      await upload(s.focal, d.id, "public", [
        letter,
        { filename: "cong-van.pdf", contentType: "application/pdf", content: sampleFiles.exe },
      ]),
      415,
    );
    expect(fake.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(fake.message).toContain("cong-van.pdf");
    const big = Buffer.concat([sampleFiles.pdf, Buffer.alloc(ATTACHMENT_LIMITS.maxFileBytes)]);
    expect(error(await upload(s.focal, d.id, "public", [{ ...letter, content: big }]), 413).code).toBe(
      "PAYLOAD_TOO_LARGE",
    );
    expect(error(await upload(s.focal, d.id, null, [letter]), 400).code).toBe("VALIDATION");
    expect(error(await upload(s.focal, d.id, "secret", [letter]), 400).code).toBe("VALIDATION");
    expect(error(await upload(s.focal, d.id, "public", []), 400).code).toBe("VALIDATION");
    expect(error(await upload(s.focal, d.id, "public", [{ ...letter, name: "file" }]), 400).code).toBe(
      "VALIDATION",
    );
    expect(await rowsOf(d.id)).toEqual([]);

    // Five waiting at most per person: three, then three more is one too many (none of them stored).
    await uploaded(s.focal, d.id, "internal", [photo, photo, photo]);
    const tooMany = error(await upload(s.focal, d.id, "internal", [photo, photo, photo]), 413);
    expect(tooMany.code).toBe("PAYLOAD_TOO_LARGE");
    expect(tooMany.message).toContain("tối đa 5 tệp");
    expect(await rowsOf(d.id)).toHaveLength(3);
    // A removed upload frees its place; nobody else removes it.
    const [first] = (await listed(s.focal, d.id)).items;
    if (!first) throw new Error("no upload");
    expect(error(await remove(s.leader, d.id, first.id), 403).code).toBe("FORBIDDEN");
    const removed = await remove(s.focal, d.id, first.id);
    expect(removed.statusCode).toBe(204);
    expect(await rowsOf(d.id)).toHaveLength(2);
  });

  it("only whoever may record the answer uploads; reading follows the request's agency", async () => {
    const d = await s.forwarded();
    const anonymous = multipart({ visibility: "public" }, [letter]);
    const noSession = await s.t.app.inject({
      method: "POST",
      url: `/api/v1/requests/${d.id}/answer-attachments`,
      payload: anonymous.payload,
      headers: anonymous.headers,
    });
    expect(error(noSession, 401).code).toBe("UNAUTHENTICATED");
    expect(error(await upload(s.admin, d.id, "public", [letter]), 403).code).toBe("FORBIDDEN");
    // Another agency does not learn the request exists.
    expect(error(await upload(s.otherFocal, d.id, "public", [letter]), 404).code).toBe("NOT_FOUND");
    expect(
      error(await s.otherFocal.inject({ url: `/api/v1/requests/${d.id}/answer-attachments` }), 404).code,
    ).toBe("NOT_FOUND");
    // The desk answers only requests still at the desk; this one is the agency's to answer.
    expect(error(await upload(s.operator, d.id, "public", [letter]), 403).code).toBe("FORBIDDEN");
    expect((await listed(s.operator, d.id)).canUpload).toBe(false);
    expect((await listed(s.focal, d.id)).canUpload).toBe(true);
    expect(await uploaded(s.leader, d.id, "public", [letter])).toHaveLength(1);
    expect(await rowsOf(d.id)).toHaveLength(1);
  });

  it("the answer takes its uploads; publication publishes the confirmed public ones only, for the follow page and /hoi-dap", async () => {
    const d = await s.forwarded();
    // A duplicate joins it before the answer: its requester sees the shared answer and its files.
    const dup = await s.drive.create(s.operator, {
      requester: { fullName: "Đỗ Thu", phone: "0987 654 321", address: "Thôn 1, xã Quảng Phú" },
      content: "Cho hỏi lịch tiêm vắc xin trẻ em dưới 12 tuổi ở trạm y tế phường",
    });
    await s.drive.actOk(s.operator, dup, "merge", { intoId: d.id });
    const [pdf] = await uploaded(s.focal, d.id, "public", [letter]);
    const [jpg] = await uploaded(s.focal, d.id, "internal", [photo]);
    const [leaders] = await uploaded(s.leader, d.id, "public", [{ ...photo, filename: "cua-lanh-dao.jpg" }]);
    if (!pdf || !jpg || !leaders) throw new Error("uploads");
    expect(pdf).toMatchObject({ visibility: "public", answerId: null, publishedAt: null, publicUrl: null });

    // Someone else's upload cannot be slipped into the answer; nothing is recorded then.
    const current = await s.drive.get(s.focal, d.id);
    const stolen = error(
      await s.drive.act(s.focal, current, "record-answer", {
        answer: answerText,
        attachmentIds: [pdf.id, leaders.id],
      }),
      400,
    );
    expect(stolen.details?.[0]?.code).toBe("unknown_attachment");
    expect((await s.drive.get(s.focal, d.id)).status).toBe("forwarded");

    const answered = await s.drive.actOk(s.focal, current, "record-answer", {
      answer: answerText,
      attachmentIds: [pdf.id, jpg.id],
    });
    const answerId = answered.answers[0]?.id;
    const files = (await listed(s.focal, d.id)).items;
    expect(
      files
        .filter((f) => f.answerId === answerId)
        .map((f) => f.id)
        .sort(),
    ).toEqual([pdf.id, jpg.id].sort());
    // Not published yet: the requester sees the recorded answer, without files; no link opens them.
    const before = json(
      await s.t.app.inject({ url: `/api/v1/public/requests/${d.code}?phone=0912345678` }),
      publicRequestView,
    );
    expect(before.answer?.attachments).toEqual([]);
    expect((await download(await publicIdOf(d.id, letter.filename))).statusCode).toBe(404);

    // The publisher must confirm each public file was checked for personal data.
    const unchecked = error(await s.drive.act(s.focal, answered, "publish", {}), 400);
    expect(unchecked.code).toBe("PERSONAL_DATA");
    expect(unchecked.details?.map((x) => [x.code, x.text])).toEqual([["attachment_unchecked", pdf.id]]);
    const internalConfirmed = error(
      await s.drive.act(s.focal, answered, "publish", { attachmentsChecked: [pdf.id, jpg.id] }),
      400,
    );
    expect(internalConfirmed.details?.[0]?.code).toBe("not_public_attachment");
    expect((await s.drive.get(s.focal, d.id)).status).toBe("answered");

    const published = await s.drive.actOk(s.focal, answered, "publish", { attachmentsChecked: [pdf.id] });
    expect(published.status).toBe("published");
    const [event] = await execRaw<{ data: { attachments?: { id: string }[] } }>(
      s.t.ctx.db,
      sql`select data from events where request_id = ${d.id} and kind = 'publish'`,
    );
    expect(event?.data.attachments?.map((a) => a.id)).toEqual([pdf.id]);

    // The portal answer and the follow page list the public file only, under its own random id.
    const page = json(
      await s.t.app.inject({ url: `/api/v1/public/answers/${published.publicId}` }),
      publishedAnswer,
    );
    expect(page.attachments?.map((a) => a.filename)).toEqual([letter.filename]);
    const [shown] = page.attachments ?? [];
    if (!shown) throw new Error("no public attachment");
    expect(shown.id).toMatch(/^[0-9a-f]{16}$/);
    expect([published.publicId, d.code, pdf.id]).not.toContain(shown.id);
    const file = await s.t.app.inject({ url: shown.url });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(file.headers["cache-control"]).toBe("no-store");
    expect(file.rawPayload.equals(letter.content)).toBe(true);
    const html = (await s.t.app.inject({ url: `/hoi-dap/${published.publicId}` })).body;
    expect(html).toContain(shown.url);
    expect(html).not.toContain(photo.filename);
    const followed = json(
      await s.t.app.inject({ url: `/api/v1/public/requests/${d.code}?phone=0912345678` }),
      publicRequestView,
    );
    expect(followed.answer?.attachments.map((a) => a.id)).toEqual([shown.id]);
    const merged = json(
      await s.t.app.inject({ url: `/api/v1/public/requests/${dup.code}?phone=0987654321` }),
      publicRequestView,
    );
    expect(merged.merged).toBe(true);
    expect(merged.answer?.attachments.map((a) => a.id)).toEqual([shown.id]);
    expect((await listed(s.focal, d.id)).items.find((f) => f.id === pdf.id)?.publicUrl).toBe(shown.url);

    // Adversarial: the internal file's public id, the answer's id, the follow code, a staff id, a
    // staff route without a session, an upper-case variant of a real id.
    for (const guess of [
      await publicIdOf(d.id, photo.filename),
      published.publicId ?? "",
      d.code,
      jpg.id,
      "0".repeat(16),
    ]) {
      expect((await download(guess)).statusCode).toBe(404);
    }
    expect((await s.t.app.inject({ url: `/api/v1/requests/${d.id}/attachments/${jpg.id}` })).statusCode).toBe(
      401,
    );
    expect((await s.t.app.inject({ url: `/api/v1/requests/${d.id}/answer-attachments` })).statusCode).toBe(
      401,
    );
    expect((await download(shown.id.toUpperCase())).statusCode).toBe(200);
    // Staff download it through the request's route, in the access log.
    const staffCopy = await s.focal.inject({ url: `/api/v1/requests/${d.id}/attachments/${jpg.id}` });
    expect(staffCopy.statusCode).toBe(200);
    expect(staffCopy.rawPayload.equals(photo.content)).toBe(true);
    const [logged] = await execRaw<{ n: number }>(
      s.t.ctx.db,
      sql`select count(*)::int as n from access_log where action = 'attachment_download' and target = ${jpg.id}`,
    );
    expect(logged?.n).toBe(1);

    // Published: what is public no longer changes until the coordinator takes the answer down.
    const patch = (as: StaffSession, id: string, visibility: string) =>
      as.inject({
        method: "PATCH",
        url: `/api/v1/requests/${d.id}/answer-attachments/${id}`,
        payload: { visibility },
      });
    expect(error(await patch(s.focal, pdf.id, "internal"), 409).code).toBe("INVALID_TRANSITION");
    expect(error(await remove(s.focal, d.id, pdf.id), 409).code).toBe("INVALID_TRANSITION");
    // Nothing more is uploaded to an answer on the portal.
    expect(error(await upload(s.focal, d.id, "public", [letter]), 409).code).toBe("INVALID_TRANSITION");
    const down = await s.drive.actOk(s.coordinator, published, "takedown", {
      reason: "Rà soát công văn đính kèm",
    });
    expect((await download(shown.id)).statusCode).toBe(404);
    // Taken down, the answer's publisher keeps the letter internal and publishes again without it.
    expect(error(await patch(s.coordinator, pdf.id, "internal"), 403).code).toBe("NOT_ANSWER_OWNER");
    const internal = json(await patch(s.focal, pdf.id, "internal"), answerAttachment);
    expect(internal.visibility).toBe("internal");
    await s.drive.actOk(s.focal, down, "publish", {});
    expect((await download(shown.id)).statusCode).toBe(404);
    const again = json(
      await s.t.app.inject({ url: `/api/v1/public/answers/${published.publicId}` }),
      publishedAnswer,
    );
    expect(again.attachments).toEqual([]);
  });

  it("the desk's answer from the Q&A base carries files too, published by the operator", async () => {
    /** A request the operator answers from the Q&A base with the letter attached, then publishes. */
    const publishedWithLetter = async (overrides: Record<string, unknown> = {}) => {
      const r = await s.drive.create(s.operator, overrides);
      const [pdf] = await uploaded(s.operator, r.id, "public", [letter]);
      if (!pdf) throw new Error("upload");
      const answered = await s.drive.actOk(s.operator, r, "answer-from-kb", {
        answer: answerText,
        attachmentIds: [pdf.id],
      });
      return s.drive.actOk(s.operator, answered, "publish", { attachmentsChecked: [pdf.id] });
    };
    const published = await publishedWithLetter();
    const page = json(
      await s.t.app.inject({ url: `/api/v1/public/answers/${published.publicId}` }),
      publishedAnswer,
    );
    expect(page.attachments?.map((a) => a.filename)).toEqual([letter.filename]);
    // A request without consent: the requester's follow page has the file, the portal nothing.
    const qp = await publishedWithLetter({ publishConsent: false });
    expect((await s.t.app.inject({ url: `/api/v1/public/answers/${qp.publicId}` })).statusCode).toBe(404);
    const followed = json(
      await s.t.app.inject({ url: `/api/v1/public/requests/${qp.code}?phone=0912345678` }),
      publicRequestView,
    );
    expect(followed.answer?.attachments).toHaveLength(1);
  });
});
