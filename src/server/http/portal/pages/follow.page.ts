import { channelLabels } from "../../../../shared/request-status.js";
import { FEEDBACK_COMMENT_MAX, REOPENED_TO } from "../../../../shared/schemas/feedback.js";
import { FEEDBACK_MESSAGES, type FeedbackFields, type FeedbackTyped } from "../feedback-form.js";
import { formatDateTime, type Html, html, paragraphs } from "../html.js";
import { layout } from "../layout.js";
import { attachmentList } from "./attachments.js";
import type { PublicRequestView } from "./types.js";

export interface FollowView {
  code?: string;
  /** Set after a look-up: the request, or "not found" (wrong code, phone, email or link, never which one). */
  result?: PublicRequestView | "not_found" | "invalid";
  /** The page was opened by a link whose code cannot be one (cut off, edited by hand): said at the field. */
  badLink?: true;
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
    scripts: ["validate.js"],
    body: html`<h1>Tra cứu yêu cầu</h1>
<p>Nhập mã yêu cầu (ví dụ 2603-7K2M9Q) và số điện thoại hoặc địa chỉ email bạn đã dùng khi gửi yêu cầu hoặc khi gọi 1022. Nếu gửi qua Zalo, Facebook hoặc email, bạn có thể mở đường dẫn riêng trong tin nhắn xác nhận tiếp nhận.</p>
${r === "not_found" ? html`<p class="notice error" role="alert">Không tìm thấy yêu cầu. Vui lòng kiểm tra lại mã yêu cầu và số điện thoại hoặc email, hoặc đường dẫn theo dõi.</p>` : ""}
${r === "invalid" ? html`<p class="notice error" role="alert">Vui lòng nhập đủ mã yêu cầu và số điện thoại hoặc email.</p>` : ""}
${r && typeof r === "object" ? result(r) : ""}
<form class="card" method="post" action="/tra-cuu">
<label for="ma">Mã yêu cầu</label>
<input id="ma" name="ma" type="text" required maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false" value="${v.code ?? ""}"${v.badLink ? html` aria-invalid="true" aria-describedby="ma-err"` : ""}>
${v.badLink ? html`<p class="err" id="ma-err">Mã yêu cầu trong đường dẫn không đúng dạng (có thể đường dẫn bị cắt hoặc sửa), nên chưa được điền sẵn. Vui lòng nhập mã trong tin nhắn xác nhận, ví dụ 2603-7K2M9Q.</p>` : ""}
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
${attachmentList(r.answer.attachments)}
<p class="muted">${r.answer.agency ?? "Cơ quan trả lời"} chịu trách nhiệm về tính pháp lý của kết quả trả lời (Điều 8.2 Quy chế).${
        r.answer.publishedAt ? html` Công khai ngày ${formatDateTime(r.answer.publishedAt)}.` : ""
      }</p>`
    : ""
}
${satisfaction(r)}
${conversation(r)}
${
  r.history.length > 0
    ? html`<h3>Quá trình xử lý</h3>
<ol class="timeline">${r.history.map((h) => html`<li><time datetime="${h.at}">${formatDateTime(h.at)}</time><br>${h.text}</li>`)}</ol>`
    : ""
}
</section>`;
}

/**
 * Issue 19: once the answer is published, whether it resolved the question (once per request).
 * The form carries the signed token of this look-up, never the phone number; it works without
 * JavaScript (radio buttons, a select, a textarea).
 */
function satisfaction(r: PublicRequestView): Html | "" {
  const f = r.feedback;
  if (f.given) {
    return html`<p class="notice ok" role="status">Bạn đã đánh giá kết quả trả lời: ${
      f.given.resolved ? "đã được giải quyết" : "chưa được giải quyết"
    }, mức hài lòng ${f.given.rating}/5. Cảm ơn bạn.</p>`;
  }
  if (!f.open || !f.token) return "";
  return feedbackForm(f.token);
}

/** A field's message slot (hidden while empty; the script fills it), as the submit form's. */
function slot(name: keyof FeedbackFields, message: string | undefined): Html {
  return html`<p class="err" id="${name}-err"${message ? "" : html` hidden`}>${message ?? ""}</p>`;
}

/**
 * The rating form: on the follow page, and again with what was typed and each field's message when
 * the server refused it. `data-required` carries the Vietnamese message the script (validate.js)
 * shows at the field in place of the browser's own; without JavaScript the browser checks `required`.
 */
function feedbackForm(token: string, typed?: FeedbackTyped): Html {
  const v = typed?.values ?? {};
  const e = typed?.errors ?? {};
  const invalid = (name: keyof FeedbackFields) => (e[name] ? html` aria-invalid="true"` : "");
  const radio = (value: string, first: boolean) =>
    html`<input type="radio" name="da_giai_quyet" value="${value}"${first ? html` required data-required="${FEEDBACK_MESSAGES.da_giai_quyet}"` : ""}${v.da_giai_quyet === value ? html` checked` : ""} aria-describedby="da_giai_quyet-err"${invalid("da_giai_quyet")}>`;
  const ratings = [
    "5 – Rất hài lòng",
    "4 – Hài lòng",
    "3 – Bình thường",
    "2 – Chưa hài lòng",
    "1 – Rất không hài lòng",
  ];
  return html`<form class="reply feedback" method="post" action="/tra-cuu/danh-gia" aria-labelledby="danh-gia" data-validate>
<h3 id="danh-gia">Ý kiến đánh giá của bạn</h3>
<input type="hidden" name="token" value="${token}">
<fieldset><legend>Kết quả trả lời đã giải quyết được vấn đề của bạn chưa?</legend>
<label class="choice">${radio("co", true)} Đã giải quyết</label>
<label class="choice">${radio("chua", false)} Chưa giải quyết (yêu cầu sẽ được chuyển lại ${REOPENED_TO} để xem xét)</label>
${slot("da_giai_quyet", e.da_giai_quyet)}
</fieldset>
<label for="muc-hai-long">Mức hài lòng</label>
<select id="muc-hai-long" name="muc_hai_long" required data-required="${FEEDBACK_MESSAGES.muc_hai_long}" aria-describedby="muc_hai_long-err"${invalid("muc_hai_long")}>
<option value="">— Chọn —</option>
${ratings.map((label) => html`<option value="${label[0]}"${v.muc_hai_long === label[0] ? html` selected` : ""}>${label}</option>`)}
</select>
${slot("muc_hai_long", e.muc_hai_long)}
<label for="y-kien">Ý kiến (không bắt buộc)</label>
<textarea id="y-kien" name="y_kien" rows="4" maxlength="${FEEDBACK_COMMENT_MAX}" aria-describedby="y_kien-err"${invalid("y_kien")}>${v.y_kien ?? ""}</textarea>
${slot("y_kien", e.y_kien)}
<p class="muted">Ý kiến chỉ gửi đến cán bộ xử lý, không công khai. Mỗi yêu cầu được đánh giá một lần.</p>
<p><button class="btn" type="submit">Gửi đánh giá</button></p>
</form>`;
}

/**
 * After a satisfaction form was sent (or refused): what happened, and the way back. Refused as
 * incomplete (`form`: sent without the browser's checks), the form again with what the citizen
 * typed and the message at each field to correct — the look-up's token still stands for the key,
 * so nothing is typed twice (6 December 2026, thirty-sixth session).
 */
export function feedbackResultPage(v: {
  code?: string;
  result: "sent" | "reopened" | "invalid" | "expired" | "already" | "not_open";
  form?: FeedbackTyped & { token: string };
}): string {
  const back = v.code ? `/tra-cuu?ma=${encodeURIComponent(v.code)}` : "/tra-cuu";
  const notice = {
    sent: html`<p class="notice ok" role="status">Cảm ơn bạn đã đánh giá kết quả trả lời.</p>`,
    reopened: html`<p class="notice ok" role="status">Cảm ơn bạn. Yêu cầu đã được chuyển lại ${REOPENED_TO} để xem xét; bạn sẽ được thông báo kết quả.</p>`,
    invalid: html`<p class="notice error" role="alert">Vui lòng cho biết đã giải quyết hay chưa và chọn mức hài lòng từ 1 đến 5 (ý kiến tối đa ${FEEDBACK_COMMENT_MAX.toLocaleString("vi-VN")} ký tự).</p>`,
    expired: html`<p class="notice error" role="alert">Phiên đánh giá đã hết hạn hoặc không hợp lệ. Vui lòng tra cứu lại yêu cầu rồi đánh giá.</p>`,
    already: html`<p class="notice error" role="alert">Bạn đã gửi đánh giá cho yêu cầu này. Mỗi yêu cầu chỉ được đánh giá một lần.</p>`,
    not_open: html`<p class="notice error" role="alert">Yêu cầu chưa có kết quả trả lời được công khai nên chưa thể đánh giá.</p>`,
  }[v.result];
  return layout({
    title: "Đánh giá kết quả trả lời",
    description: "Đánh giá kết quả trả lời yêu cầu gửi Tổng đài 1022 Thanh Hóa.",
    section: "follow",
    scripts: v.form ? ["validate.js"] : [],
    body: html`<h1>Đánh giá kết quả trả lời</h1>
${
  v.form
    ? html`<p class="notice error" role="alert">Chưa gửi được đánh giá${v.code ? html` cho yêu cầu ${v.code}` : ""}: vui lòng sửa các mục được đánh dấu bên dưới rồi gửi lại.</p>
${feedbackForm(v.form.token, v.form)}`
    : notice
}
<p><a class="btn${v.form ? " secondary" : ""}" href="${back}">Quay lại tra cứu yêu cầu</a></p>`,
  });
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
