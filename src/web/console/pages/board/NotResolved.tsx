import { useTranslation } from "react-i18next";
import type { Board } from "../../../../shared/schemas/requests.js";
import { formatTime } from "../../components/Badges.js";
import { BoardSection, RequestLink } from "./BoardSection.js";

type Item = Board["notResolved"][number];

/**
 * Issue 19: requests the requester sent back as "not resolved" after publication, waiting for the
 * coordinator, with the requester's rating and comment; the code opens the request to act on it.
 */
export function NotResolved({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  return (
    <BoardSection<Item>
      title={t("board.notResolved")}
      rows={items}
      pageSize={10}
      rowKey="requestId"
      empty={t("worklist.emptyBoard")}
      columns={[
        {
          title: t("board.code"),
          dataIndex: "code",
          width: 160,
          render: (code: string, n) => <RequestLink code={code} id={n.requestId} />,
        },
        { title: t("board.rating"), dataIndex: "rating", width: 110, render: (r: number) => `${r}/5` },
        {
          title: t("board.comment"),
          dataIndex: "comment",
          render: (c: string | null) => <span style={{ whiteSpace: "pre-wrap" }}>{c ?? "—"}</span>,
        },
        { title: t("board.at"), dataIndex: "at", width: 170, render: formatTime },
      ]}
    />
  );
}
