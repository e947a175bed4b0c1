import { App, Button, List, Space, Typography } from "antd";
import { useDeferredValue } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DuplicateSuggestion } from "../../../../shared/schemas/duplicates.js";
import { useDuplicates, useMerge } from "../../api/requests.js";
import { formatTime, StatusTag } from "../../components/Badges.js";
import { TypingPanel } from "../../components/TypingPanel.js";

/**
 * Issue 19: open requests that ask the same thing, while the operator types (text and field) or
 * for a saved request; "merge" joins this request to the one chosen (the `merge` transition).
 */
export function DuplicatePanel({
  source,
  onMerge,
  merging,
}: {
  source: { text: string; field?: string } | { id: string };
  onMerge?: (into: DuplicateSuggestion) => void;
  merging?: boolean;
}) {
  const { t } = useTranslation();
  const deferred = useDeferredValue(source);
  const found = useDuplicates(deferred);
  const short = !("id" in deferred) && deferred.text.trim().length < 8;
  return (
    <section aria-label={t("desk.duplicates")}>
      <TypingPanel
        title={t("desk.duplicates")}
        hint={short ? t("desk.duplicatesHint") : undefined}
        query={found}
        items={found.data?.items ?? []}
        empty={t("desk.noDuplicates")}
        renderItem={(d) => (
          <List.Item
            actions={
              onMerge
                ? [
                    <Button
                      key="merge"
                      size="small"
                      loading={merging}
                      onClick={() => onMerge(d)}
                      aria-label={`${t("desk.mergeInto")}: ${d.code}`}
                    >
                      {t("desk.mergeInto")}
                    </Button>,
                  ]
                : undefined
            }
          >
            {/* Shrinks beside the button (min-width 0), so the preview is cut, not the card widened. */}
            <Space direction="vertical" size={0} style={{ flex: 1, minWidth: 0 }} className="shrinkable">
              <Space wrap>
                <Link to={`/requests/${d.id}`}>{d.code}</Link>
                <StatusTag status={d.status} />
                <Typography.Text type="secondary">{formatTime(d.receivedAt)}</Typography.Text>
                <Typography.Text type="secondary">
                  {t("desk.similarity", { percent: Math.round(d.score * 100) })}
                </Typography.Text>
              </Space>
              <Typography.Text ellipsis>{d.contentPreview}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </section>
  );
}

/** On a request's page (the coordinator comes here from the board): its duplicates, merge in one click. */
export function MergeDuplicates({ detail }: { detail: { id: string; version: number } }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const merge = useMerge();
  return (
    <DuplicatePanel
      source={{ id: detail.id }}
      merging={merge.isPending}
      onMerge={(into) =>
        void merge
          .mutateAsync({ id: detail.id, version: detail.version, intoId: into.id })
          .then(() => void message.success(t("desk.merged", { code: into.code })))
          .catch((e: unknown) => void message.error(e instanceof Error ? e.message : String(e)))
      }
    />
  );
}
