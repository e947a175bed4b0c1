import { Button, Empty, List, Space, Typography } from "antd";
import { useDeferredValue, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type KbHit, useKbSearch } from "../../api/directory.js";
import { useRequesterLookup } from "../../api/requests.js";
import { formatTime, StatusTag } from "../../components/Badges.js";
import { SectionCard } from "../../components/Page.js";
import { Snippet } from "../../components/Snippet.js";
import { ErrorState } from "../../components/States.js";
import { TypingPanel } from "../../components/TypingPanel.js";

/** Q&A suggestions that follow what the operator types (R-HA1). */
export function KbSuggestions({ text, onUse }: { text: string; onUse?: (hit: KbHit) => void }) {
  const { t } = useTranslation();
  const deferred = useDeferredValue(text);
  const search = useKbSearch(deferred);
  // Alt+G takes the first suggestion without leaving the keyboard (issue 18): the operator types
  // the question, reads the suggestion, presses Alt+G, then Ctrl+Enter in the answer dialog.
  const first = search.data?.[0];
  useEffect(() => {
    if (!onUse || !first || deferred.trim().length < 3) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.key.toLowerCase() !== "g") return;
      event.preventDefault();
      onUse(first);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onUse, first, deferred]);
  return (
    <TypingPanel
      title={t("desk.suggestions")}
      hint={deferred.trim().length < 3 ? t("desk.suggestionsHint") : undefined}
      query={search}
      items={search.data ?? []}
      empty={t("desk.noSuggestions")}
      renderItem={(hit, index) => (
        <List.Item
          actions={
            onUse
              ? [
                  <Button
                    key="use"
                    size="small"
                    onClick={() => onUse(hit)}
                    aria-label={`${t("desk.useAnswer")}: ${hit.question}`}
                    aria-keyshortcuts={index === 0 ? "Alt+G" : undefined}
                  >
                    {t("desk.useAnswer")}
                    {index === 0 && <span className="kbd"> (Alt+G)</span>}
                  </Button>,
                ]
              : undefined
          }
        >
          <List.Item.Meta
            title={hit.question}
            description={
              <Typography.Paragraph ellipsis={{ rows: 3 }}>
                <Snippet html={hit.snippet} />
              </Typography.Paragraph>
            }
          />
        </List.Item>
      )}
    />
  );
}

/**
 * The caller's earlier requests, by phone number (issue 5, R-IN1); `current`, the request on
 * screen, is not one of them (twenty-fifth session: it was listed as its own earlier request).
 */
export function RequesterHistory({ phone, current }: { phone: string; current?: string }) {
  const { t } = useTranslation();
  const lookup = useRequesterLookup(phone.trim());
  const earlier = lookup.data?.requests.filter((r) => r.id !== current) ?? [];
  if (phone.replace(/\D/g, "").length < 9) return null;
  // Known, but no earlier request (6 Dec 2026: «đã biết» sat above «chưa có yêu cầu nào»): with a request
  // on screen its view names the requester; otherwise they are known from an earlier call or contact.
  const name = lookup.data?.requester?.fullName;
  const known =
    name &&
    (earlier.length > 0
      ? t("desk.knownRequester", { name })
      : !current && t("desk.knownNoRequest", { name }));
  return (
    <SectionCard role="region" aria-label={t("desk.history")} title={t("desk.history")}>
      {lookup.isError ? (
        <ErrorState error={lookup.error} what={t("desk.history")} />
      ) : (
        <>
          {known && <Typography.Paragraph strong>{known}</Typography.Paragraph>}
          <List
            size="small"
            loading={lookup.isPending}
            dataSource={earlier}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={t(current ? "desk.noOtherHistory" : "desk.noHistory")}
                />
              ),
            }}
            renderItem={(r) => (
              <List.Item>
                <Space direction="vertical" size={0} style={{ width: "100%" }}>
                  <Space wrap>
                    <Link to={`/requests/${r.id}`}>{r.code}</Link>
                    <StatusTag status={r.status} />
                    <Typography.Text type="secondary">{formatTime(r.receivedAt)}</Typography.Text>
                  </Space>
                  <Typography.Text ellipsis>{r.contentPreview}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </SectionCard>
  );
}
