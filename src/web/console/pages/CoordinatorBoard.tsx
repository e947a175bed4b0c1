import { useQuery } from "@tanstack/react-query";
import { Button, Col, Row, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AgencyLoad, Board, RequestSummary } from "../../../shared/schemas/requests.js";
import { api } from "../api/client.js";
import { requestKeys, useRequestList } from "../api/requests.js";
import { useCan } from "../api/session.js";
import { Page, SectionCard } from "../components/Page.js";
import { RequestTable } from "../components/RequestTable.js";
import { StackedTable } from "../components/StackedTable.js";
import { ErrorState, Unanswered } from "../components/States.js";
import { HeldUp } from "./board/HeldUp.js";
import { MissedByAgency } from "./board/MissedByAgency.js";
import { NotResolved } from "./board/NotResolved.js";

/**
 * The coordinator board (R-HA7, R-HA9, R-MO3): unclear jurisdiction, urgent items, and live load by
 * agency with drill-down to the agency's requests and from there to each request's history.
 */
export default function CoordinatorBoard() {
  const { t } = useTranslation();
  const board = useQuery({
    queryKey: requestKeys.board,
    queryFn: ({ signal }) => api<Board>("/api/v1/monitor/board", { signal }),
  });
  const can = useCan();
  const [agency, setAgency] = useState<AgencyLoad | null>(null);
  const drill = useRequestList({ agencyId: agency?.agencyId, open: "true", pageSize: 200 }, agency !== null);
  const linkTo = (r: RequestSummary) => `/requests/${r.id}`;
  const count = (n: number, colour: string) => (n > 0 ? <Tag color={colour}>{n}</Tag> : <span>0</span>);
  // The load by agency: on a phone each agency's figures stand under its name (the server sends the
  // latest first), wider up a table read across that scrolls inside its card.
  const byAgency: ColumnsType<AgencyLoad> = [
    {
      title: t("board.agency"),
      dataIndex: "agencyName",
      render: (name: string, a) => (
        <Button
          type="link"
          style={{ padding: 0 }}
          onClick={() => setAgency(a)}
          aria-label={t("board.drill", { agency: name })}
        >
          {name}
        </Button>
      ),
    },
    { title: t("board.open"), dataIndex: "open", width: 120, sorter: (a, b) => a.open - b.open },
    {
      title: t("board.dueSoon"),
      dataIndex: "dueSoon",
      width: 140,
      render: (n: number) => count(n, "orange"),
      sorter: (a, b) => a.dueSoon - b.dueSoon,
    },
    {
      title: t("board.late"),
      dataIndex: "late",
      width: 120,
      render: (n: number) => count(n, "red"),
      sorter: (a, b) => a.late - b.late,
      defaultSortOrder: "descend",
    },
  ];

  if (board.data === undefined) return <Unanswered query={board} what={t("board.title")} />;
  return (
    <Page title={t("board.title")}>
      <Row gutter={[16, 16]}>
        {(["unclear", "urgent", "awaitingRequester"] as const).map((list) => (
          // Each list across the page: the request text stays readable at 1366 px (issue 18).
          <Col key={list} xs={24}>
            <RequestTable
              compact
              caption={`${t(`board.${list}`)} (${board.data[list].length})`}
              items={board.data[list]}
              empty={t("worklist.emptyBoard")}
              linkTo={linkTo}
            />
          </Col>
        ))}
      </Row>
      <NotResolved items={board.data.notResolved} />
      <SectionCard title={t("board.byAgency")}>
        <StackedTable<AgencyLoad>
          rowKey="agencyId"
          dataSource={board.data.agencies}
          pagination={board.data.agencies.length > 15 ? { pageSize: 15 } : false}
          scrollX={board.data.agencies.length > 0 ? 600 : undefined}
          rowClassName={(a) => (a.late > 0 ? "row-late" : a.dueSoon > 0 ? "row-due-soon" : "")}
          columns={byAgency}
        />
      </SectionCard>
      <HeldUp rows={board.data.heldUp} />
      {can("obligation.read") && <MissedByAgency />}
      {agency &&
        (drill.isError ? (
          <ErrorState error={drill.error} />
        ) : (
          <RequestTable
            caption={t("board.drill", { agency: agency.agencyName })}
            items={drill.data?.items ?? []}
            loading={drill.isPending}
            linkTo={linkTo}
          />
        ))}
    </Page>
  );
}
