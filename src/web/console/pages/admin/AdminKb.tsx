import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Empty, Input, List, Modal, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { ConfirmedHit } from "../../../../shared/personal-data.js";
import type { KbDiff, KbEntry, kbList } from "../../../../shared/schemas/kb.js";
import { api } from "../../api/client.js";
import { inPlace } from "../../components/FormModal.js";
import { Page } from "../../components/Page.js";
import { PersonalDataFindings, personalDataFindings } from "../../components/PersonalDataFindings.js";
import { Loading, Unanswered } from "../../components/States.js";

const key = ["admin", "kb", "proposed"] as const;

/** Plain text of the stored answer HTML (parsed, never injected). */
const textOf = (html: string) => new DOMParser().parseFromString(html, "text/html").body.textContent ?? "";

/**
 * Q&A review (R-KB1, Art. 15.3): agencies propose new or changed entries; the administrator
 * compares the proposal with the published version, then publishes or rejects it with a reason.
 */
export default function AdminKb() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: key,
    // New entries are "proposed"; a change to a published entry stays "published" with a pending
    // version. The list API has no "pending" filter, so published entries are filtered here.
    queryFn: async () => {
      const [proposed, published] = await Promise.all([
        api<z.infer<typeof kbList>>("/api/v1/kb/entries?status=proposed&pageSize=100"),
        api<z.infer<typeof kbList>>("/api/v1/kb/entries?status=published&pageSize=200"),
      ]);
      const changes = published.items.filter((e) => e.pendingVersion !== null);
      return { items: [...proposed.items, ...changes], total: proposed.total + changes.length };
    },
  });
  const [rejecting, setRejecting] = useState<KbEntry | null>(null);
  const [reason, setReason] = useState("");
  // Issue 13: an entry refused for personal data, its findings, and what the administrator confirms.
  const [guarded, setGuarded] = useState<KbEntry | null>(null);
  const [confirmed, setConfirmed] = useState<ConfirmedHit[]>([]);
  const decide = useMutation({
    mutationFn: (input: { id: string; verdict: "publish" | "reject"; body: object }) =>
      api<KbEntry>(`/api/v1/kb/entries/${input.id}/${input.verdict}`, { method: "POST", body: input.body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["admin", "kb"] });
      void client.invalidateQueries({ queryKey: ["kb"] });
      void message.success(t("admin.saved"));
      setRejecting(null);
      setReason("");
      setGuarded(null);
      setConfirmed([]);
    },
    onError: (e, input) => {
      if (personalDataFindings(e).length > 0) {
        setGuarded(list.data?.items.find((x) => x.id === input.id) ?? null);
        return;
      }
      void message.error(e.message);
    },
  });

  if (list.data === undefined) return <Unanswered query={list} what={t("admin.kbTitle")} />;
  return (
    <Page title={t("admin.kbTitle")}>
      {list.data.items.length === 0 ? (
        <Card>
          <Empty description={t("admin.nothingPending")} />
        </Card>
      ) : (
        list.data.items.map((entry) => (
          <Card
            key={entry.id}
            size="small"
            title={entry.question}
            extra={
              <Space>
                <Button
                  type="primary"
                  disabled={!entry.abilities.review}
                  loading={decide.isPending}
                  onClick={() => {
                    setConfirmed([]);
                    decide.mutate({ id: entry.id, verdict: "publish", body: {} });
                  }}
                >
                  {t("admin.approve")}
                </Button>
                <Button danger disabled={!entry.abilities.review} onClick={() => setRejecting(entry)}>
                  {t("admin.reject")}
                </Button>
              </Space>
            }
          >
            <Proposal entry={entry} />
          </Card>
        ))
      )}
      <Modal
        {...inPlace}
        open={guarded !== null}
        title={guarded?.question}
        okText={t("personalData.publishConfirmed")}
        okButtonProps={{ disabled: confirmed.length === 0 }}
        cancelText={t("action.cancel")}
        confirmLoading={decide.isPending}
        onCancel={() => setGuarded(null)}
        onOk={() =>
          guarded &&
          decide.mutate({ id: guarded.id, verdict: "publish", body: { confirmedNotPersonal: confirmed } })
        }
        width={640}
      >
        <PersonalDataFindings
          findings={personalDataFindings(decide.error)}
          confirmed={confirmed}
          onChange={setConfirmed}
        />
      </Modal>
      <Modal
        {...inPlace}
        open={rejecting !== null}
        title={t("admin.reject")}
        okText={t("admin.reject")}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 3 }}
        cancelText={t("action.cancel")}
        confirmLoading={decide.isPending}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && decide.mutate({ id: rejecting.id, verdict: "reject", body: { reason } })}
      >
        <label htmlFor="kb-reject-reason">{t("admin.reason")}</label>
        <Input.TextArea
          id="kb-reject-reason"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Page>
  );
}

/** The proposed answer beside the published one, from GET /api/v1/kb/entries/:id/review. */
function Proposal({ entry }: { entry: KbEntry }) {
  const { t } = useTranslation();
  const diff = useQuery({
    queryKey: ["admin", "kb", "diff", entry.id],
    queryFn: () => api<KbDiff>(`/api/v1/kb/entries/${entry.id}/review`),
  });
  if (diff.isPending) return <Loading />;
  if (diff.isError) return <Typography.Paragraph>{textOf(entry.answerHtml)}</Typography.Paragraph>;
  return (
    <List
      size="small"
      dataSource={[
        { label: t("admin.proposed"), text: textOf(diff.data.proposed.answerHtml) },
        ...(diff.data.published
          ? [{ label: t("admin.published"), text: textOf(diff.data.published.answerHtml) }]
          : []),
      ]}
      renderItem={(item) => (
        <List.Item>
          <Space direction="vertical" size={0}>
            <Typography.Text strong>{item.label}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
              {item.text}
            </Typography.Paragraph>
          </Space>
        </List.Item>
      )}
    />
  );
}
