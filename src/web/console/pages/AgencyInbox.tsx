import { Col, Empty, Row, Space } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useRequest, useRequestList } from "../api/requests.js";
import { ActionPanel } from "../components/ActionPanel.js";
import { Page, SectionCard } from "../components/Page.js";
import { RadioSegmented } from "../components/RadioSegmented.js";
import { RequestTable } from "../components/RequestTable.js";
import { RequestView } from "../components/RequestView.js";
import { ErrorState, StaleNotice, Unanswered } from "../components/States.js";

const dues = ["all", "due_soon", "late"] as const;
type Due = (typeof dues)[number];
const emptyText: Record<Due, string> = {
  all: "worklist.emptyInboxAll",
  due_soon: "worklist.emptyInboxDueSoon",
  late: "worklist.emptyInboxLate",
};

/**
 * The agency inbox (R-HA4–5, R-HA8): the agency's slips with the working time left, due-soon and
 * late in colour; the chosen slip opens beside the list with the actions the server allows.
 */
export default function AgencyInbox() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // The tab is kept in the URL (issue 18): a reload or a shared link shows the same list.
  const due: Due = dues.find((d) => d === params.get("due")) ?? "all";
  const setDue = (next: Due) =>
    setParams((old) => {
      const p = new URLSearchParams(old);
      if (next === "all") p.delete("due");
      else p.set("due", next);
      return p;
    });
  const selectedId = params.get("r") ?? undefined;
  // The server scopes the list to the caller's agency; "open" keeps answered-but-unpublished ones.
  // What is due first comes first: late slips on top (issue 18).
  const filterOf = (d: Due) => ({
    open: "true" as const,
    due: d === "all" ? undefined : d,
    sort: "due" as const,
  });
  const list = useRequestList({ ...filterOf(due), pageSize: 200 });
  const counts = {
    all: useRequestList({ ...filterOf("all"), pageSize: 1 }),
    due_soon: useRequestList({ ...filterOf("due_soon"), pageSize: 1 }),
    late: useRequestList({ ...filterOf("late"), pageSize: 1 }),
  };
  const label = (d: Due, key: string) => `${t(key)} (${counts[d].data?.total ?? "…"})`;
  const selected = useRequest(selectedId);
  // Below the widest layout the slip opens under the list: bring it into view when one is chosen,
  // so the focal point does not scroll to find it (issue 18).
  const detailRef = useRef<HTMLDivElement>(null);
  const loadedCode = selected.data?.code;
  useEffect(() => {
    const card = detailRef.current;
    if (!loadedCode || !card) return;
    if (card.getBoundingClientRect().top > window.innerHeight * 0.6)
      card.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [loadedCode]);

  return (
    <Page
      title={t("inbox.title")}
      extra={
        <RadioSegmented<Due>
          aria-label={t("request.deadline")}
          value={due}
          onChange={setDue}
          options={[
            { value: "all", label: label("all", "inbox.all") },
            { value: "due_soon", label: label("due_soon", "inbox.dueSoon") },
            { value: "late", label: label("late", "inbox.late") },
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
              caption={`${t("nav.inbox")} (${list.data?.total ?? "…"})`}
              items={list.data?.items ?? []}
              loading={list.isPending}
              selectedId={selectedId}
              empty={t(emptyText[due])}
              linkTo={(r) => `/inbox?${new URLSearchParams({ ...(due === "all" ? {} : { due }), r: r.id })}`}
            />
          )}
        </Col>
        <Col xs={24} xxl={12} ref={detailRef}>
          {/* The slip's code once, as the card's heading (thirty-fifth session: it was repeated just below). */}
          <SectionCard
            title={selected.data ? `${t("request.code")} ${selected.data.code}` : t("inbox.select")}
          >
            {!selectedId ? (
              <Empty description={t("inbox.select")} />
            ) : selected.data === undefined ? (
              <Unanswered query={selected} />
            ) : (
              <Space direction="vertical" size="middle" style={{ width: "100%" }}>
                <StaleNotice query={selected} />
                <ActionPanel detail={selected.data} />
                <RequestView detail={selected.data} code={false} />
              </Space>
            )}
          </SectionCard>
        </Col>
      </Row>
    </Page>
  );
}
