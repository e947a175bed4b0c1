import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { type MassEventView, massEventEnd } from "../../../../shared/schemas/mass-events.js";
import { useMassEventFigures } from "../../api/mass-events.js";
import { formatTime } from "../../components/Badges.js";
import { ListTable } from "../../components/Page.js";
import type { Period } from "./period.js";

/** The mass events of the period with the requests linked and answered with the prepared text (issue 19). */
export function MassEventFigures({ period }: { period: Period }) {
  const { t } = useTranslation();
  const figures = useMassEventFigures(period.from, period.to);
  const columns: ColumnsType<MassEventView> = [
    { title: t("massEvents.title"), dataIndex: "title" },
    {
      title: t("massEvents.window"),
      key: "window",
      width: 280,
      render: (_: unknown, e) => `${formatTime(e.startsAt)} – ${formatTime(massEventEnd(e))}`,
    },
    { title: t("massEvents.linked"), dataIndex: "linked", align: "right", width: 120 },
    { title: t("massEvents.answered"), dataIndex: "answered", align: "right", width: 170 },
  ];
  return (
    <ListTable<MassEventView>
      query={figures}
      rows={figures.data?.items}
      what={t("massEvents.reportTitle")}
      empty={t("massEvents.reportEmpty")}
      titled
      columns={columns}
      stacked={{ scrollX: 760 }}
    />
  );
}
