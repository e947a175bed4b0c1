/** The agency's transfer slips (Art. 10). */
export const agency = {
  inbox: {
    title: "Phiếu chuyển của cơ quan",
    all: "Tất cả",
    dueSoon: "Sắp đến hạn",
    late: "Quá hạn",
    empty: "Không có phiếu chuyển đang mở",
    select: "Chọn một phiếu để xử lý",
  },
};
