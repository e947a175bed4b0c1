import { channelLabels } from "../../../../shared/request-status.js";
import { formatDateTime, type Html, html, paragraphs } from "../html.js";
import { layout } from "../layout.js";
import type { PublicRequestView } from "./types.js";

export interface FollowView {
  code?: string;
  /** Set after a look-up: the request, or "not found" (wrong code, phone, email or link, never which one). */
  result?: PublicRequestView | "not_found" | "invalid";
}

/**
 * Follow a request by code + phone or email (R-PU2, Art. 10.2): a plain POST form, so it works
 * without JavaScript and the phone number never appears in a URL or a server log line. The same
 * page shows a request opened by its follow link (/theo-doi/<secret>).
 */
export function followPage(v: FollowView): string {
  const r = v.result;
  return layout({
    title: "Tra cứu yêu cầu",
    description: "Tra cứu tiến độ và kết quả trả lời yêu cầu gửi Tổng đài 1022 Thanh Hóa.",
    section: "follow",
    body: html`<h1>Tra cứu yêu cầu</h1>
<p>Nhập mã yêu cầu (ví dụ 2603-7K2M9Q) và số điện thoại hoặc địa chỉ email bạn đã dùng khi gửi yêu cầu hoặc khi gọi 1022. Nếu gửi qua Zalo, Facebook hoặc email, bạn có thể mở đường dẫn riêng trong tin nhắn xác nhận tiếp nhận.</p>
${r === "not_found" ? html`<p class="notice error" role="alert">Không tìm thấy yêu cầu. Vui lòng kiểm tra lại mã yêu cầu và số điện thoại hoặc email, hoặc đường dẫn theo dõi.</p>` : ""}
${r === "invalid" ? html`<p class="notice error" role="alert">Vui lòng nhập đủ mã yêu cầu và số điện thoại hoặc email.</p>` : ""}
${r && typeof r === "object" ? result(r) : ""}
<form class="card" method="post" action="/tra-cuu">
<label for="ma">Mã yêu cầu</label>
<input id="ma" name="ma" type="text" required maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false" value="${v.code ?? ""}">
<label for="sdt">Số điện thoại hoặc email</label>
<input id="sdt" name="sdt" type="text" required maxlength="200" autocomplete="tel" spellcheck="false">
<p><button class="btn" type="submit">${r && typeof r === "object" ? "Tra cứu yêu cầu khác" : "Tra cứu"}</button></p>
</form>`,
  });
}

function result(r: PublicRequestView): Html {
  return html`<section class="card" aria-labelledby="kq">
<h2 id="kq">Yêu cầu ${r.code}</h2>
<p class="status">${r.statusText}</p>
<dl class="facts">
<dt>Ngày tiếp nhận</dt><dd>${formatDateTime(r.receivedAt)}</dd>
<dt>Kênh</dt><dd>${channelLabels[r.channel]}</dd>
${r.field ? html`<dt>Lĩnh vực</dt><dd>${r.field}</dd>` : ""}
${r.agency ? html`<dt>Cơ quan xử lý</dt><dd>${r.agency}</dd>` : ""}
${r.appointmentAt ? html`<dt>Hẹn trả lời</dt><dd><strong>${formatDateTime(r.appointmentAt)}</strong></dd>` : ""}
</dl>
${
  r.answer
    ? html`<h3>Kết quả trả lời</h3>
<div class="answer">${paragraphs(r.answer.text)}</div>
<p class="muted">${r.answer.agency ?? "Cơ quan trả lời"} chịu trách nhiệm về tính pháp lý của kết quả trả lời (Điều 8.2 Quy chế).${
        r.answer.publishedAt ? html` Công khai ngày ${formatDateTime(r.answer.publishedAt)}.` : ""
      }</p>`
    : ""
}
${conversation(r)}
${
  r.history.length > 0
    ? html`<h3>Quá trình xử lý</h3>
<ol class="timeline">${r.history.map((h) => html`<li><time datetime="${h.at}">${formatDateTime(h.at)}</time><br>${h.text}</li>`)}</ol>`
    : ""
}
</section>`;
}

/** Limits of the reply form; the server checks the same (conversationText in the shared schemas). */
export const REPLY_MAX_LENGTH = 5_000;

/**
 * The conversation with the agency (Art. 14.6): its questions and the requester's replies, and a
 * form to answer while the request still takes replies. The form carries the signed reply token
 * from this look-up, never the phone number.
 */
function conversation(r: PublicRequestView): Html | "" {
  const c = r.conversation;
  if (c.messages.length === 0) return "";
  return html`<h3 id="trao-doi">Trao đổi với cơ quan xử lý</h3>
${c.awaitingReply ? html`<p class="notice" role="status"><strong>Cơ quan xử lý đang chờ bạn bổ sung thông tin.</strong> Thời hạn trả lời theo quy chế vẫn được tính.</p>` : ""}
<ol class="conversation">${c.messages.map(
    (m) =>
      html`<li class="${m.direction === "in" ? "from-requester" : "from-agency"}"><p class="muted"><strong>${m.from}</strong> · <time datetime="${m.at}">${formatDateTime(m.at)}</time></p>${paragraphs(m.body)}</li>`,
  )}</ol>
${
  c.replyToken
    ? html`<form class="reply" method="post" action="/tra-cuu/tra-loi">
<input type="hidden" name="token" value="${c.replyToken}">
<label for="noi-dung">Trả lời cơ quan xử lý</label>
<textarea id="noi-dung" name="noi_dung" rows="5" required maxlength="${REPLY_MAX_LENGTH}"></textarea>
<p><button class="btn" type="submit">Gửi trả lời</button></p>
</form>`
    : ""
}`;
}

/** After a reply was sent (or refused): what happened, and the way back to the request. */
export function replyResultPage(v: {
  code?: string;
  result: "sent" | "invalid" | "expired" | "closed";
}): string {
  const back = v.code ? `/tra-cuu?ma=${encodeURIComponent(v.code)}` : "/tra-cuu";
  const notice = {
    sent: html`<p class="notice ok" role="status">Đã gửi trả lời của bạn đến cơ quan xử lý${v.code ? html` (yêu cầu ${v.code})` : ""}. Cơ quan sẽ tiếp tục xử lý yêu cầu.</p>`,
    invalid: html`<p class="notice error" role="alert">Vui lòng nhập nội dung trả lời (tối đa ${REPLY_MAX_LENGTH.toLocaleString("vi-VN")} ký tự).</p>`,
    expired: html`<p class="notice error" role="alert">Phiên trả lời đã hết hạn hoặc không hợp lệ. Vui lòng tra cứu lại yêu cầu rồi trả lời.</p>`,
    closed: html`<p class="notice error" role="alert">Yêu cầu này không còn nhận thông tin bổ sung.</p>`,
  }[v.result];
  return layout({
    title: "Trả lời cơ quan xử lý",
    description: "Gửi thông tin bổ sung cho yêu cầu gửi Tổng đài 1022 Thanh Hóa.",
    section: "follow",
    body: html`<h1>Trả lời cơ quan xử lý</h1>
${notice}
<p><a class="btn" href="${back}">Quay lại tra cứu yêu cầu</a></p>`,
  });
}
