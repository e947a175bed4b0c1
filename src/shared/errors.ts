/**
 * One error type for the whole product: a closed set of codes, a Vietnamese message for
 * the user, an optional cause. Domain and services throw it; only the HTTP edge maps it to a status.
 */
export const errorCodes = {
  VALIDATION: { status: 400, message: "Dữ liệu không hợp lệ." },
  PERSONAL_DATA: {
    status: 400,
    message:
      "Nội dung công khai có thể chứa thông tin cá nhân. Vui lòng che (thay bằng […]) hoặc xác nhận từng chỗ.",
  },
  BAD_INPUT: {
    status: 400,
    message: "Dữ liệu gửi lên chứa ký tự không hợp lệ hoặc quá dài.",
  },
  BAD_JSON: { status: 400, message: "Nội dung gửi lên không phải JSON hợp lệ." },
  PAYLOAD_TOO_LARGE: { status: 413, message: "Nội dung gửi lên quá lớn." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Định dạng nội dung không được hỗ trợ." },
  UNAUTHENTICATED: { status: 401, message: "Vui lòng đăng nhập." },
  /** Unknown user, wrong password and a delayed attempt alike: the answer reveals nothing more. */
  INVALID_CREDENTIALS: {
    status: 401,
    message:
      "Tên đăng nhập hoặc mật khẩu không đúng, hoặc đã thử sai nhiều lần — vui lòng đợi ít phút rồi thử lại.",
  },
  SECOND_FACTOR_INVALID: { status: 401, message: "Mã xác thực không đúng hoặc đã hết hạn." },
  WEAK_PASSWORD: { status: 400, message: "Mật khẩu chưa đạt yêu cầu an toàn." },
  CSRF: { status: 403, message: "Phiên làm việc không hợp lệ (CSRF). Vui lòng tải lại trang." },
  FORBIDDEN: { status: 403, message: "Bạn không có quyền thực hiện thao tác này." },
  NOT_FOUND: { status: 404, message: "Không tìm thấy." },
  CONFLICT: { status: 409, message: "Dữ liệu đã bị thay đổi bởi người khác. Vui lòng tải lại." },
  INVALID_TRANSITION: { status: 409, message: "Không thể thực hiện thao tác ở trạng thái hiện tại." },
  DUPLICATE: { status: 409, message: "Dữ liệu đã tồn tại." },
  /** Issue 15: an Idempotency-Key already used, within 24 hours, for a request with other content. */
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    message: "Khóa chống gửi trùng (Idempotency-Key) đã được dùng cho một yêu cầu có nội dung khác.",
  },
  // Art. 12, 14.7: only whoever answered publishes, and only their own text, redacted at most.
  NOT_ANSWER_OWNER: {
    status: 403,
    message: "Chỉ đơn vị đã trả lời mới được công khai kết quả trả lời này.",
  },
  REDACTION_ONLY: {
    status: 400,
    message: "Nội dung công khai chỉ được che thông tin cá nhân bằng dấu […], không được sửa nội dung khác.",
  },
  // Issue 19: the requester's satisfaction is asked once, after the answer is published.
  FEEDBACK_ALREADY_GIVEN: {
    status: 409,
    message: "Bạn đã gửi đánh giá cho yêu cầu này. Mỗi yêu cầu chỉ được đánh giá một lần.",
  },
  FEEDBACK_NOT_OPEN: {
    status: 409,
    message: "Yêu cầu chưa có kết quả trả lời được công khai nên chưa thể đánh giá.",
  },
  CAPTCHA_REQUIRED: { status: 400, message: "Vui lòng hoàn thành bước xác minh chống spam." },
  CAPTCHA_INVALID: { status: 400, message: "Xác minh chống spam không hợp lệ hoặc đã hết hạn." },
  RATE_LIMITED: { status: 429, message: "Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau." },
  SIGNATURE_INVALID: { status: 401, message: "Chữ ký không hợp lệ." },
  UNAVAILABLE: {
    status: 503,
    message: "Dịch vụ tạm thời không sẵn sàng, yêu cầu chưa được lưu. Vui lòng thử lại sau ít giây.",
  },
  INTERNAL: { status: 500, message: "Lỗi hệ thống. Vui lòng thử lại sau." },
} as const;

export type ErrorCode = keyof typeof errorCodes;

/**
 * One entry per invalid field: stable code plus a Vietnamese message. A personal-data finding
 * (code "personal_data") also carries its kind and span [start, end) in the field's text.
 */
export interface FieldError {
  field: string;
  code: string;
  message: string;
  kind?: string;
  start?: number;
  end?: number;
  text?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: FieldError[];

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown; details?: FieldError[] }) {
    super(message ?? errorCodes[code].message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options?.details;
  }

  get status(): number {
    return errorCodes[this.code].status;
  }
}

/** How a one-field error differs from the usual: 400 VALIDATION whose message is the field's own. */
export interface OneFieldOptions {
  /** The error's code, when not VALIDATION (its HTTP status follows from it). */
  error?: ErrorCode;
  /** The field error's stable code; "invalid" unless given. */
  code?: string;
  /** The response's message when it is not the field's: another sentence, or null for the code's own. */
  summary?: string | null;
  /** The value or id the field error is about. */
  text?: string;
  cause?: unknown;
}

/**
 * The error naming one input field, shaped as schema validation names them (http/errors.ts), so
 * the console marks that field: `throw invalidField("agencyId", "Cơ quan không tồn tại.")`.
 */
export function invalidField(field: string, message: string, options: OneFieldOptions = {}): AppError {
  const { error = "VALIDATION", code = "invalid", summary = message, text, cause } = options;
  const detail: FieldError = text === undefined ? { field, code, message } : { field, code, message, text };
  return new AppError(error, summary ?? undefined, { cause, details: [detail] });
}

/** The body every error response has. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: FieldError[]; retryAfterSeconds?: number };
}
