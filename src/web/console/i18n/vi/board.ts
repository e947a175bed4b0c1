/** The coordinator's board (Art. 10.4, 13). */
export const board = {
  board: {
    title: "Bảng điều phối",
    unclear: "Chờ xác định thẩm quyền",
    urgent: "Yêu cầu khẩn cấp",
    awaitingRequester: "Chờ người dân bổ sung",
    byAgency: "Theo cơ quan",
    agency: "Cơ quan",
    open: "Đang mở",
    dueSoon: "Sắp đến hạn",
    late: "Quá hạn",
    drill: "Yêu cầu của {{agency}}",
    empty: "Không có yêu cầu",
    missed: "Nghĩa vụ quá hạn theo cơ quan",
    missedCount: "Số nghĩa vụ quá hạn",
    missedByKind: "Theo loại",
    noMissed: "Không có nghĩa vụ quá hạn",
  },
};
