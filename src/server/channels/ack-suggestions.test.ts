import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { summaryResponse } from "../../shared/schemas/reports.js";
import { json } from "../../test/http.js";
import { createStaffUser, type StaffSession } from "../../test/staff.js";
import { execRaw } from "../db/client.js";
import { suggestionThreshold } from "../domain/kb/suggestions.js";
import { useChatApp } from "./testing/chat-webhooks.js";

/**
 * Issue 16: a chat requester whose question the published Q&A base answers confidently gets the
 * answer in the acknowledgement, through the real webhooks and the outbox to the providers; the
 * reports count how often, and how often the requester still needed someone afterwards.
 */
const { t, zalo, graph, chat, requestOf } = useChatApp();
let coordinator: StaffSession;
const postZalo = (userId: string, text: string) => chat.zalo(userId, text);
const postFacebook = (psid: string, text: string) => chat.facebook(psid, text);

/** A chat message through the provider's webhook, taken by the inbound poller: its request. */
async function receive(post: typeof postZalo, sender: string, text: string) {
  expect((await post(sender, text)).statusCode).toBe(200);
  await t.inbound.runOnce();
  return requestOf(text);
}

/** The outbox run once, and the text the provider was last given: the acknowledgement. */
async function acknowledgement(provider: typeof zalo | typeof graph) {
  const { sent } = await t.outbox.drain();
  return { sent, text: provider.state.delivered.at(-1)?.text ?? "" };
}

beforeAll(async () => {
  coordinator = await (await createStaffUser(t, { role: "coordinator" })).signIn();
  // A small base: the entry that answers, others on nearby subjects, a draft that must not be sent.
  const rows: [string, string, string][] = [
    [
      "published",
      "Trẻ em từ 5 đến 11 tuổi tiêm vắc xin COVID-19 ở đâu?",
      "Trẻ em tiêm tại trạm y tế xã, phường nơi cư trú, mang theo giấy khai sinh.",
    ],
    [
      "published",
      "Người cao tuổi tiêm mũi nhắc lại ở đâu?",
      "Người cao tuổi tiêm mũi nhắc lại tại trạm y tế.",
    ],
    ["published", "Cách ly tại nhà bao nhiêu ngày?", "F1 cách ly tại nhà 7 ngày."],
    ["published", "Xét nghiệm nhanh giá bao nhiêu?", "Theo giá niêm yết của cơ sở y tế."],
    ["published", "Thẻ bảo hiểm y tế hết hạn gia hạn ở đâu?", "Gia hạn tại bưu điện hoặc đại lý thu."],
    ["draft", "Học phí năm học mới có tăng không?", "Dự thảo: học phí giữ nguyên."],
  ];
  for (const [status, question, answer] of rows)
    await t.ctx.db.execute(sql`insert into kb_entries (status, question, answer_html, answer_text)
      values (${status}, ${question}, ${`<p>${answer}</p>`}, ${answer})`);
});

describe("Q&A answers in the chat acknowledgement (issue 16)", () => {
  it("Zalo: a question the base answers gets the answer with its code, counted on the request", async () => {
    const question = "cho e hỏi trẻ em 5 đến 11 tuổi tiêm vắc xin covid ở đâu ạ";
    const request = await receive(postZalo, "6142494823123456789", question);
    expect(request?.kb_suggestions).toBeGreaterThanOrEqual(1);
    expect(request?.kb_suggestions).toBeLessThanOrEqual(suggestionThreshold.max);
    const { sent, text } = await acknowledgement(zalo);
    expect(sent).toBe(1);
    expect(text).toContain(request?.code ?? "?");
    expect(text).toContain("Câu hỏi của bạn có thể đã có câu trả lời");
    expect(text).toContain("Trẻ em tiêm tại trạm y tế xã, phường nơi cư trú");
    // Within the provider's 2,000-character cap, and never the draft.
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text).not.toContain("Dự thảo");
    const [received] = await execRaw<{ data: { kbSuggestions?: string[] } }>(
      t.ctx.db,
      sql`select data from events where request_id = ${request?.id} and kind = 'received'`,
    );
    expect(received?.data.kbSuggestions?.length).toBe(request?.kb_suggestions);
  });

  it("Facebook: a question the base does not answer gets the plain acknowledgement", async () => {
    const question = "Đường Lê Lợi trước số nhà 20 bị ngập sâu từ sáng";
    const request = await receive(postFacebook, "2400000000000001", question);
    expect(request?.kb_suggestions).toBe(0);
    const { text } = await acknowledgement(graph);
    expect(text).toContain(request?.code ?? "?");
    expect(text).not.toContain("Câu hỏi của bạn có thể đã có câu trả lời");
  });

  it("Facebook: a draft's question is never suggested, however close", async () => {
    const question = "học phí năm học mới có tăng không";
    expect((await receive(postFacebook, "2400000000000002", question))?.kb_suggestions).toBe(0);
    expect((await acknowledgement(graph)).text).not.toContain("Dự thảo");
  });

  it("the reports count the suggestions and the requesters who still needed someone afterwards", async () => {
    const day = t.clock.now().toISOString().slice(0, 10);
    const summary = async () =>
      json(
        await coordinator.inject({
          method: "GET",
          url: `/api/v1/reports/summary?from=${day}&to=${day}&groupBy=channel`,
        }),
        summaryResponse,
      ).rows;
    const zaloRow = (rows: z.infer<typeof summaryResponse>["rows"]) => rows.find((r) => r.key === "zalo");
    expect(zaloRow(await summary())).toMatchObject({ suggested: 1, suggestedThenOperator: 0 });
    expect((await summary()).find((r) => r.key === "facebook")).toMatchObject({ suggested: 0 });
    // The requester was not satisfied and writes again on the same conversation.
    await receive(postZalo, "6142494823123456789", "em vẫn chưa rõ, trạm y tế phường nào ạ");
    expect(zaloRow(await summary())).toMatchObject({ suggested: 1, suggestedThenOperator: 1 });
  });
});
