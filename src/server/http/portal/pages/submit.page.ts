import { ATTACHMENT_LIMITS } from "../../../../shared/portal.js";
import { assetUrl } from "../assets.js";
import { type Html, html } from "../html.js";
import { layout } from "../layout.js";
import { channels } from "../site.js";
import type { Option } from "./types.js";

interface InputSpec {
  name: string;
  label: string;
  type: "text" | "tel" | "email";
  autocomplete: string;
  hint?: string;
  required?: string;
  maxlength: number;
  /** Checked in the browser with the same words the server's schema uses (src/shared/schemas/requests.ts). */
  invalid?: string;
  inputmode?: string;
}

const inputs: InputSpec[] = [
  {
    name: "fullName",
    label: "Họ và tên",
    type: "text",
    autocomplete: "name",
    required: "Vui lòng nhập họ và tên",
    maxlength: 200,
  },
  {
    name: "phone",
    label: "Số điện thoại",
    type: "tel",
    autocomplete: "tel",
    inputmode: "tel",
    hint: "Dùng để tra cứu kết quả và để cơ quan liên hệ lại.",
    required: "Vui lòng nhập số điện thoại",
    invalid: "Số điện thoại không hợp lệ (ví dụ 0912 345 678 hoặc +84 912 345 678)",
    maxlength: 20,
  },
  {
    name: "address",
    label: "Địa chỉ liên hệ",
    type: "text",
    autocomplete: "street-address",
    hint: "Số nhà, thôn/xóm, xã/phường.",
    required: "Vui lòng nhập địa chỉ liên hệ",
    maxlength: 500,
  },
  {
    name: "email",
    label: "Thư điện tử (nếu có)",
    type: "email",
    autocomplete: "email",
    invalid: "Địa chỉ thư điện tử không hợp lệ",
    maxlength: 200,
  },
];

function errorSlot(name: string): Html {
  return html`<p class="err" id="${name}-err" hidden></p>`;
}

function input(s: InputSpec): Html {
  const described = [s.hint ? `${s.name}-hint` : "", `${s.name}-err`].filter(Boolean).join(" ");
  return html`<label for="${s.name}">${s.label}${s.required ? html` <span aria-hidden="true">*</span>` : ""}${
    s.hint ? html`<span class="hint" id="${s.name}-hint">${s.hint}</span>` : ""
  }</label>
<input id="${s.name}" name="${s.name}" type="${s.type}" autocomplete="${s.autocomplete}" maxlength="${s.maxlength}"${
    s.inputmode ? html` inputmode="${s.inputmode}"` : ""
  }${s.required ? html` required data-required="${s.required}"` : ""}${s.invalid ? html` data-invalid="${s.invalid}"` : ""} aria-describedby="${described}">
${errorSlot(s.name)}`;
}

/** The web form of Art. 7 (R-CH2): requester, content, field, attachments, publication choice, captcha. */
export function submitPage(v: { fields: Option[]; captcha: boolean; idempotencyKey: string }): string {
  const mb = ATTACHMENT_LIMITS.maxFileBytes / 1024 / 1024;
  return layout({
    title: "Gửi yêu cầu",
    description: "Gửi yêu cầu hỗ trợ, cung cấp thông tin đến Tổng đài 1022 Thanh Hóa.",
    section: "submit",
    scripts: ["submit.js"],
    body: html`<h1>Gửi yêu cầu hỗ trợ, cung cấp thông tin</h1>
<p class="notice" id="js-required">Biểu mẫu này cần JavaScript để gửi. Nếu trình duyệt đang tắt JavaScript hoặc nút “Gửi yêu cầu” không bấm được, vui lòng bật JavaScript, hoặc gọi <a href="tel:1022">1022</a> / <a href="tel:${channels.mobile.tel}">${channels.mobile.number}</a>, hoặc gửi thư tới <a href="mailto:${channels.email}">${channels.email}</a>. Bạn vẫn có thể <a href="/hoi-dap">xem các câu trả lời đã công khai</a>.</p>
<p>Vui lòng viết bằng tiếng Việt và cho biết đầy đủ họ tên, địa chỉ, số điện thoại (Điều 7 Quy chế). Mục có dấu * là bắt buộc.</p>
<div id="form-status" role="alert" class="notice error" hidden></div>
<form id="request-form" class="card" novalidate data-captcha="${v.captcha ? "on" : "off"}" data-worker="${assetUrl("captcha-worker.js")}" data-max-files="${ATTACHMENT_LIMITS.maxFiles}" data-max-bytes="${ATTACHMENT_LIMITS.maxFileBytes}" data-idempotency-key="${v.idempotencyKey}">
<fieldset>
<legend>Bạn gửi với tư cách</legend>
<label class="choice"><input type="radio" name="kind" value="person" checked> Cá nhân</label>
<label class="choice"><input type="radio" name="kind" value="organisation"> Tổ chức (ghi tên tổ chức ở ô bên dưới)</label>
</fieldset>
${inputs.map(input)}
<label for="field">Lĩnh vực<span class="hint" id="field-hint">Không rõ thì để trống, Tổng đài sẽ phân loại giúp bạn.</span></label>
<select id="field" name="field" aria-describedby="field-hint field-err">
<option value="">— Chọn lĩnh vực —</option>
${v.fields.map((f) => html`<option value="${f.code}">${f.name}</option>`)}
</select>
${errorSlot("field")}
<label for="content">Nội dung yêu cầu <span aria-hidden="true">*</span><span class="hint" id="content-hint">Trình bày rõ sự việc, thời gian, địa điểm và điều bạn cần hỗ trợ.</span></label>
<textarea id="content" name="content" required minlength="10" maxlength="10000" data-required="Vui lòng nhập nội dung yêu cầu" data-short="Nội dung yêu cầu quá ngắn (ít nhất 10 ký tự)" aria-describedby="content-hint content-err"></textarea>
${errorSlot("content")}
<label for="attachments">Tệp đính kèm (nếu có)<span class="hint" id="attachments-hint">Tối đa ${ATTACHMENT_LIMITS.maxFiles} tệp, mỗi tệp không quá ${mb} MB: ảnh JPG, PNG, WebP hoặc PDF.</span></label>
<input id="attachments" name="attachments" type="file" multiple accept="${ATTACHMENT_LIMITS.accept}" aria-describedby="attachments-hint attachments-err">
${errorSlot("attachments")}
<fieldset>
<legend>Cho phép công khai câu hỏi?</legend>
<p class="hint">Câu hỏi và câu trả lời có thể được đăng ở mục Hỏi đáp để giúp người khác. Họ tên, số điện thoại, địa chỉ, thư điện tử của bạn <strong>không bao giờ</strong> được công khai.</p>
<label class="choice"><input type="radio" name="publishConsent" value="true" checked> Có, cho phép công khai nội dung câu hỏi (không kèm thông tin cá nhân)</label>
<label class="choice"><input type="radio" name="publishConsent" value="false"> Không, chỉ trả lời riêng cho tôi</label>
</fieldset>
<div class="notice">
<strong>Bảo vệ dữ liệu cá nhân.</strong> Thông tin cá nhân bạn cung cấp chỉ được dùng để tiếp nhận, chuyển cơ quan có thẩm quyền xử lý và trả lời yêu cầu này, theo Luật Bảo vệ dữ liệu cá nhân (Luật số 91/2025/QH15) và Nghị định 356/2025/NĐ-CP. Thông tin không được công khai và không cung cấp cho bên thứ ba, trừ trường hợp pháp luật quy định. Bạn có quyền đề nghị xem, sửa hoặc xoá dữ liệu của mình qua thư điện tử <a href="mailto:${channels.email}">${channels.email}</a> hoặc số 1022.
</div>
${v.captcha ? html`<p class="captcha" id="captcha-status" aria-live="polite">Xác minh chống spam sẽ tự chạy khi trang tải xong.</p>` : ""}
<button class="btn" id="submit-btn" type="submit" disabled>Gửi yêu cầu</button>
</form>`,
  });
}

/** After a successful submission: the code and how to follow the request (R-IN5, R-PU2). */
export function confirmationPage(code: string): string {
  return layout({
    title: "Đã gửi yêu cầu",
    section: "submit",
    body: html`<div class="card">
<h1>Đã gửi yêu cầu thành công</h1>
<p class="notice ok">Tổng đài 1022 đã tiếp nhận yêu cầu của bạn.</p>
<p>Mã yêu cầu của bạn:</p>
<p><span class="code" id="request-code">${code}</span></p>
<p><strong>Vui lòng ghi lại mã này.</strong> Để theo dõi tiến độ và xem kết quả trả lời, vào mục <a href="/tra-cuu?ma=${encodeURIComponent(code)}">Tra cứu</a>, nhập mã yêu cầu và số điện thoại bạn đã dùng khi gửi.</p>
<p>Cơ quan có thẩm quyền sẽ trả lời trong thời hạn quy định (thường không quá 8 giờ làm việc). Nếu cần xác minh thêm, cơ quan sẽ cập nhật tiến độ và hẹn thời gian trả lời trên trang tra cứu.</p>
<p><a class="btn" href="/tra-cuu?ma=${encodeURIComponent(code)}">Tra cứu yêu cầu</a></p>
</div>`,
  });
}

/**
 * /gui-yeu-cau/da-gui without the submission's receipt (a bookmark, a shared or made-up link): says
 * nothing about whether the code exists, only how to look a request up (issue 18.9).
 */
export function codeNoticePage(code: string): string {
  return layout({
    title: "Tra cứu yêu cầu",
    section: "follow",
    body: html`<div class="card">
<h1>Tra cứu yêu cầu theo mã</h1>
<p>Trang xác nhận chỉ hiện ngay sau khi gửi yêu cầu. Để xem tình trạng yêu cầu có mã <span class="code">${code}</span>, vui lòng tra cứu bằng mã yêu cầu và số điện thoại (hoặc thư điện tử) đã dùng khi gửi.</p>
<p><a class="btn" href="/tra-cuu?ma=${encodeURIComponent(code)}">Tra cứu yêu cầu</a></p>
<p>Không nhớ mã hoặc chưa gửi được? <a href="/gui-yeu-cau">Gửi yêu cầu mới</a> hoặc gọi <a href="tel:1022">1022</a>.</p>
</div>`,
  });
}
