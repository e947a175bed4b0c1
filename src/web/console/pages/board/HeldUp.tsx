import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Board } from "../../../../shared/schemas/requests.js";
import { formatTime } from "../../components/Badges.js";
import { SlipRoleTag } from "../../components/Cooperation.js";
import { BoardSection, RequestLink } from "./BoardSection.js";

type Row = Board["heldUp"][number];

/**
 * Who holds things up (issue 19): every open slip late or due soon, one row per slip, so a late
 * cooperating agency shows on a request whose lead agency is on time.
 */
export function HeldUp({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  return (
    <BoardSection<Row>
      title={t("cooperation.heldUp")}
      rows={rows}
      pageSize={15}
      rowKey="slipId"
      rowClassName={(r) => (r.dueState === "late" ? "row-late" : "row-due-soon")}
      empty={t("board.empty")}
      columns={[
        {
          title: t("cooperation.request"),
          dataIndex: "code",
          render: (code: string, r) => <RequestLink code={code} id={r.requestId} />,
        },
        {
          title: t("board.agency"),
          dataIndex: "agencyName",
          render: (name: string, r) => (
            <>
              {name} <SlipRoleTag role={r.role} />
            </>
          ),
        },
        { title: t("request.deadline"), dataIndex: "dueAt", render: (v: string) => formatTime(v) },
        {
          title: t("request.status"),
          dataIndex: "dueState",
          render: (v: Row["dueState"]) => (
            <Tag color={v === "late" ? "red" : "orange"}>
              {t(v === "late" ? "board.late" : "board.dueSoon")}
            </Tag>
          ),
        },
      ]}
    />
  );
}
