/** The field of the measles campaign below (health: testing and vaccination). */
export const measlesField = "y-te-xet-nghiem-tiem-phong";

/**
 * A mass event (issue 19) as a coordinator declares it: the province's measles vaccination
 * campaign, 9–20 March 2026, with its prepared answer and the portal banner (no emergency number).
 */
export const measlesCampaign = {
  title: "Chiến dịch tiêm vắc xin sởi cho trẻ 1–5 tuổi",
  keywords: "tiem soi, lich tiem soi, vac xin soi tre em, tiêm sởi ở đâu",
  answer:
    "Đợt tiêm vắc xin sởi toàn tỉnh cho trẻ từ 1 đến 5 tuổi diễn ra từ 10 đến 20/3 tại trạm y tế xã, phường nơi cư trú, miễn phí.",
  startsAt: "2026-03-09T00:00:00+07:00",
  endsAt: "2026-03-21T00:00:00+07:00",
  fields: [measlesField],
  banner: true,
  emergencyNumbers: [] as string[],
};
