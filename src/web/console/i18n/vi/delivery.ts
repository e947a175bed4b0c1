import type { DeliveryReason } from "../../../../shared/delivery-reason.js";

/**
 * Why a message or a webhook did not go through (src/shared/delivery-reason.ts), said to staff:
 * what happened and what to do; the provider's own text stays under it. `byChannel` words a reason
 * the way its channel says it (`<reason>_<channel>`); `webhook` the same reasons for the receivers
 * of webhooks, seen by administrators; `recording` for a call recording the server could not fetch.
 */
export const delivery = {
  deliveryReason: {
    label: {
      auth: "Mã truy cập hết hạn hoặc bị từ chối",
      window: "Đã hết thời hạn trả lời trên kênh chat",
      recipient: "Người nhận không nhận được tin",
      rate: "Nhà cung cấp tạm giới hạn số tin gửi",
      quota: "Tài khoản gửi tin đã hết hạn mức",
      provider: "Nhà cung cấp tạm lỗi",
      network: "Không kết nối được tới nhà cung cấp",
      content: "Nhà cung cấp từ chối nội dung tin",
      config: "Kênh chưa được cấu hình hoặc đang tắt",
      unknown: "Lỗi chưa xác định",
    } satisfies Record<DeliveryReason, string>,
    byChannel: {
      window_facebook: "Hết thời hạn 24 giờ trả lời trên Facebook",
      window_zalo: "Người dân không tương tác với OA Zalo trong 7 ngày",
      recipient_sms: "Số điện thoại không nhận được tin",
      recipient_email: "Địa chỉ email không nhận được thư",
      recipient_facebook: "Người dân không nhận được tin trên Messenger (đã chặn trang hoặc khoá tài khoản)",
    },
    hint: {
      auth: "quản trị viên kết nối lại kênh",
      window: "liên hệ người dân qua kênh khác",
      recipient: "kiểm tra lại thông tin liên hệ hoặc liên hệ qua kênh khác",
      rate: "hệ thống sẽ gửi lại sau",
      quota: "quản trị viên nạp thêm hoặc nâng hạn mức với nhà cung cấp",
      provider: "hệ thống sẽ gửi lại",
      network: "hệ thống sẽ gửi lại; nếu kéo dài, báo quản trị viên",
      content: "báo quản trị viên kèm chi tiết kỹ thuật",
      config: "quản trị viên kiểm tra trang Cấu hình kênh tiếp nhận",
      unknown: "báo quản trị viên nếu lỗi lặp lại",
    } satisfies Record<DeliveryReason, string>,
    /** A retried failure the worker gave up on: nothing more will be sent on this channel. */
    gaveUp: "đã hết số lần gửi lại, liên hệ người dân qua kênh khác",
    detail: "Chi tiết kỹ thuật",
    webhook: {
      label: {
        auth: "Bên nhận từ chối xác thực",
        window: "Bên nhận tạm không nhận",
        recipient: "Bên nhận không còn nhận webhook này",
        rate: "Bên nhận tạm giới hạn số lần gửi",
        quota: "Bên nhận báo hết hạn mức",
        provider: "Máy chủ bên nhận tạm lỗi",
        network: "Không kết nối được tới bên nhận",
        content: "Bên nhận từ chối nội dung gửi",
        config: "Webhook đã tạm dừng, bị xoá hoặc trỏ tới mạng nội bộ",
        unknown: "Lỗi chưa xác định",
      } satisfies Record<DeliveryReason, string>,
      hint: {
        auth: "kiểm tra khoá ký với đơn vị nhận",
        window: "hệ thống sẽ gửi lại",
        recipient: "liên hệ đơn vị nhận hoặc tạm dừng webhook",
        rate: "hệ thống sẽ gửi lại sau",
        quota: "liên hệ đơn vị nhận",
        provider: "hệ thống sẽ gửi lại",
        network: "hệ thống sẽ gửi lại; nếu kéo dài, báo đơn vị nhận",
        content: "báo đơn vị nhận kèm chi tiết kỹ thuật",
        config: "kiểm tra địa chỉ và trạng thái webhook",
        unknown: "xem chi tiết kỹ thuật",
      } satisfies Record<DeliveryReason, string>,
      gaveUp: "đã hết số lần gửi lại, bấm «Gửi lại» khi bên nhận sẵn sàng",
    },
    /** A call recording not kept (under «Không lưu được ghi âm»); its stored text is never shown. */
    recording: {
      label: {
        auth: "Máy chủ ghi âm của tổng đài từ chối cho tải",
        window: "Máy chủ ghi âm tạm không cho tải",
        recipient: "Tệp ghi âm không còn trên máy chủ của tổng đài",
        rate: "Máy chủ ghi âm tạm giới hạn số lần tải",
        quota: "Máy chủ ghi âm báo hết hạn mức",
        provider: "Máy chủ ghi âm của tổng đài lỗi hoặc trả lời sai",
        network: "Không kết nối được tới máy chủ ghi âm của tổng đài",
        content: "Tệp ghi âm vượt dung lượng cho phép hoặc không đúng tệp tổng đài đã báo",
        config: "Máy chủ ghi âm chưa có trong danh sách được phép tải",
        unknown: "Lỗi chưa xác định",
      } satisfies Record<DeliveryReason, string>,
      hint: {
        auth: "quản trị viên kiểm tra quyền tải ghi âm trên tổng đài",
        window: "báo quản trị viên nếu cần bản ghi âm",
        recipient: "báo quản trị viên tổng đài nếu cần bản ghi âm",
        rate: "báo quản trị viên nếu cần bản ghi âm",
        quota: "báo quản trị viên tổng đài",
        provider: "báo quản trị viên tổng đài",
        network: "báo quản trị viên nếu cần bản ghi âm",
        content: "quản trị viên kiểm tra giới hạn dung lượng ghi âm và tổng đài",
        config: "quản trị viên thêm máy chủ ghi âm của tổng đài vào cấu hình",
        unknown: "báo quản trị viên nếu lỗi lặp lại",
      } satisfies Record<DeliveryReason, string>,
      gaveUp: "đã hết số lần tải lại, báo quản trị viên nếu cần bản ghi âm",
    },
  },
};
