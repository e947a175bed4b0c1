import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { forwardedRequest, opened, signedIn, useConsole } from "./browser.js";

/**
 * Thirty-ninth session: the answer a focal point types in «Cập nhật kết quả trả lời» — long, typed for
 * minutes — was lost to a reload or a look at another page, as was any text of a request's action
 * dialogs. The tab now keeps it for its user (drafts.ts) until it is sent or discarded.
 */
describe("a request's action dialogs keep what was typed in the tab", () => {
  const h = useConsole();
  const title = "Cập nhật kết quả trả lời";
  const restoredText = "Đã khôi phục nội dung đang nhập dở, chưa gửi.";
  /** What the tab keeps of an action's texts on a request (drafts.ts). */
  const kept = (page: Page, id: string, action = "record_answer") =>
    page.evaluate((key) => sessionStorage.getItem(key), `console.draft.action:${action}:${id}`);

  const answerIn = (page: Page) => page.getByRole("dialog", { name: title }).getByLabel("Nội dung trả lời");
  /** Opens the answer dialog of the request shown; returns its answer field. */
  async function answerField(page: Page) {
    await page.getByRole("button", { name: title }).click();
    return answerIn(page);
  }
  /** A health question from the portal, forwarded to Sở Y tế, opened in the focal point's inbox. */
  async function inboxWith(fullName: string, phone: string, content: string) {
    const request = await forwardedRequest(h, {
      channel: "portal",
      requester: { fullName, phone, address: "Thôn 3" },
      content,
      field: "y-te-xet-nghiem-tiem-phong",
    });
    const { context, page } = await signedIn(h, "focal");
    await opened(page, `/console/inbox?r=${request.id}`);
    return { request, context, page };
  }

  it("a reload or a look elsewhere keeps the answer; discarded or sent, it is gone", async () => {
    const { request, context, page } = await inboxWith(
      "Vũ Thị Mai",
      "0916 333 444",
      "Xin hỏi trạm y tế xã có khám sức khoẻ cho người cao tuổi miễn phí không?",
    );
    const typed = "Chị Mai: trạm y tế xã khám miễn phí cho người từ 60 tuổi vào thứ Ba tuần đầu mỗi tháng.";
    await (await answerField(page)).fill(typed);

    await page.reload();
    let answer = await answerField(page);
    await page.getByText(restoredText).waitFor();
    expect(await answer.inputValue()).toBe(typed);

    // The same draft on the request's own page; discarded, the field is empty and nothing is kept.
    await page.getByRole("button", { name: "Huỷ" }).click();
    await opened(page, `/console/requests/${request.id}`);
    answer = await answerField(page);
    expect(await answer.inputValue()).toBe(typed);
    await page.getByRole("button", { name: "Bỏ bản nháp" }).click();
    await page.getByText(restoredText).waitFor({ state: "hidden" });
    expect(await answerIn(page).inputValue()).toBe("");
    expect(await kept(page, request.id)).toBeNull();

    // Typed again, a look at another page and Back: still there.
    await answerIn(page).fill(typed);
    await opened(page, "/console/kb");
    await page.goBack();
    answer = await answerField(page);
    expect(await answer.inputValue()).toBe(typed);

    // Sent, it is the request's answer, no longer a draft.
    await page.getByRole("dialog", { name: title }).getByRole("button", { name: "Xác nhận" }).click();
    // Recording leads to the publish dialog (issue 18): not now.
    const publish = page.getByRole("dialog", { name: "Công khai kết quả" });
    await publish.getByRole("button", { name: "Huỷ" }).click();
    await publish.waitFor({ state: "hidden" });
    expect(await kept(page, request.id)).toBeNull();
    await context.close();
  });

  it("another user signed in in the same tab neither gets the draft nor keeps it", async () => {
    const { request, context, page } = await inboxWith(
      "Đinh Văn Hùng",
      "0916 555 666",
      "Xin hỏi thủ tục cấp lại thẻ bảo hiểm y tế bị mất cho trẻ dưới 6 tuổi.",
    );
    await (await answerField(page)).fill("Anh Hùng mang giấy khai sinh của cháu đến bộ phận một cửa.");
    expect(await kept(page, request.id)).not.toBeNull();

    // The focal point's session ends without signing out; the leader signs in in the same tab.
    await context.clearCookies();
    const login = await context.request.post("/api/v1/auth/login", {
      data: { username: "leader", password: "demo1022" },
    });
    expect(login.ok()).toBe(true);
    await opened(page, `/console/inbox?r=${request.id}`);
    const answer = await answerField(page);
    expect(await answer.inputValue()).toBe("");
    expect(await page.getByText(restoredText).count()).toBe(0);
    expect(await kept(page, request.id)).toBeNull();
    await context.close();
  });

  it("the question to the requester being typed on the request page is kept until it is sent", async () => {
    const { request, context, page } = await inboxWith(
      "Lý Thị Thu",
      "0916 777 000",
      "Xin hỏi trẻ sơ sinh tiêm vắc xin viêm gan B ở đâu trong xã?",
    );
    await opened(page, `/console/requests/${request.id}`);
    const question = page.getByLabel("Câu hỏi gửi người yêu cầu");
    const typed = "Chị Thu sinh cháu ở trạm y tế xã hay ở bệnh viện huyện?";
    await question.fill(typed);
    await page.reload();
    await page.getByText(restoredText).waitFor();
    expect(await question.inputValue()).toBe(typed);
    await page.getByRole("button", { name: "Gửi câu hỏi" }).click();
    await page.getByRole("log", { name: "Các tin trao đổi" }).getByText(typed).waitFor();
    await page.getByText(restoredText).waitFor({ state: "hidden" });
    expect(await question.inputValue()).toBe("");
    expect(await kept(page, request.id, "ask_requester")).toBeNull();
    await context.close();
  });
});
