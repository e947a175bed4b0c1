import { Card, Col, Empty, Row, Segmented, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useRequest, useRequestList } from "../api/requests.js";
import { ActionPanel } from "../components/ActionPanel.js";
import { Page } from "../components/Page.js";
import { RequestTable } from "../components/RequestTable.js";
import { RequestView } from "../components/RequestView.js";
import { ErrorState, Loading } from "../components/States.js";

type Due = "all" | "due_soon" | "late";

/**
 * The agency inbox (R-HA4–5, R-HA8): the agency's slips with the working time left, due-soon and
 * late in colour; the chosen slip opens beside the list with the actions the server allows.
 */
export default function AgencyInbox() {
  const { t } = useTranslation();
  const [due, setDue] = useState<Due>("all");
  const [params] = useSearchParams();
  const selectedId = params.get("r") ?? undefined;
  // The server scopes the list to the caller's agency; "open" keeps answered-but-unpublished ones.
  const list = useRequestList({ open: "true", pageSize: 200, due: due === "all" ? undefined : due });
  const selected = useRequest(selectedId);

  return (
    <Page
      title={t("inbox.title")}
      extra={
        <Segmented<Due>
          aria-label={t("request.deadline")}
          value={due}
          onChange={setDue}
          options={[
            { value: "all", label: t("inbox.all") },
            { value: "due_soon", label: t("inbox.dueSoon") },
            { value: "late", label: t("inbox.late") },
          ]}
        />
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={12}>
          {list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <RequestTable
              compact
              caption={`${t("nav.inbox")} (${list.data?.total ?? 0})`}
              items={list.data?.items ?? []}
              loading={list.isPending}
              selectedId={selectedId}
              linkTo={(r) => `/inbox?r=${r.id}`}
            />
          )}
        </Col>
        <Col xs={24} xxl={12}>
          <Card
            size="small"
            title={selected.data ? `${t("request.code")} ${selected.data.code}` : t("inbox.select")}
          >
            {!selectedId ? (
              <Empty description={t("inbox.select")} />
            ) : selected.isPending ? (
              <Loading />
            ) : selected.isError ? (
              <ErrorState error={selected.error} onRetry={() => void selected.refetch()} />
            ) : (
              <Space direction="vertical" size="middle" style={{ width: "100%" }}>
                <ActionPanel detail={selected.data} />
                <RequestView detail={selected.data} />
              </Space>
            )}
          </Card>
        </Col>
      </Row>
    </Page>
  );
}
