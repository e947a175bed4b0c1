import { PlusOutlined } from "@ant-design/icons";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { KbEntry, KbStatus, kbList } from "../../../shared/schemas/kb.js";
import { ApiError, api, qs } from "../api/client.js";
import { useFields } from "../api/directory.js";
import { useMe } from "../api/session.js";
import { formatTime } from "../components/Badges.js";
import { ErrorState } from "../components/States.js";
import { KbEntryDialog, type KbInput } from "./kb/KbEntryDialog.js";

const statusColour: Record<KbStatus, string> = {
  draft: "default",
  proposed: "gold",
  published: "green",
  archived: "default",
};
const PAGE_SIZE = 20;

/**
 * Q&A proposals of an agency (issue 4, Art. 14.4, 15.3): the focal point or leader lists the
 * agency's entries, writes a draft or a change, and proposes it; the administrator reviews it at
 * /admin/kb. What may be done to each entry comes from its server-computed `abilities`.
 */
export default function KbProposals() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const agencyId = useMe().data?.user.agencyId ?? undefined;
  const fields = useFields();
  const fieldName = new Map((fields.data ?? []).map((f) => [f.code, f.name]));
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<{ entry: KbEntry | null } | null>(null);

  const list = useQuery({
    queryKey: ["kb", "mine", agencyId ?? "all", page],
    queryFn: ({ signal }) =>
      api<z.infer<typeof kbList>>(`/api/v1/kb/entries${qs({ agencyId, page, pageSize: PAGE_SIZE })}`, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ["kb"] });
  const conflictAware = (e: Error) =>
    e instanceof ApiError && e.code === "CONFLICT" ? t("kbMine.conflict") : e.message;

  const save = useMutation({
    mutationFn: ({ entry, input }: { entry: KbEntry | null; input: KbInput }) =>
      entry
        ? api<KbEntry>(`/api/v1/kb/entries/${entry.id}`, {
            method: "PUT",
            body: { baseVersion: entry.version, entry: input },
          })
        : api<KbEntry>("/api/v1/kb/entries", { method: "POST", body: input }),
    onSuccess: (saved, { entry }) => {
      refresh();
      setEditing(null);
      void message.success(
        entry?.status === "published" || saved.status === "proposed"
          ? t("kbMine.changeProposed")
          : t("kbMine.saved"),
      );
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === "CONFLICT") refresh();
    },
  });
  const propose = useMutation({
    mutationFn: (entry: KbEntry) =>
      api<KbEntry>(`/api/v1/kb/entries/${entry.id}/propose`, { method: "POST" }),
    onSuccess: () => {
      refresh();
      void message.success(t("kbMine.proposed"));
    },
    onError: (e) => void message.error(conflictAware(e)),
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Space style={{ justifyContent: "space-between", width: "100%" }} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t("kbMine.title")}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            save.reset();
            setEditing({ entry: null });
          }}
        >
          {t("kbMine.create")}
        </Button>
      </Space>
      {list.isError ? (
        <ErrorState error={list.error} what={t("kbMine.title")} onRetry={() => void list.refetch()} />
      ) : (
        <Table<KbEntry>
          size="small"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t("kbMine.empty") }}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
          }}
          columns={[
            { title: t("kbMine.question"), dataIndex: "question" },
            {
              title: t("kbMine.field"),
              dataIndex: "fieldCode",
              width: 180,
              render: (v: string | null) => (v ? (fieldName.get(v) ?? v) : "—"),
            },
            {
              title: t("kbMine.status"),
              key: "status",
              width: 200,
              render: (_: unknown, e) => (
                <Space size={4} wrap>
                  <Tag color={statusColour[e.status]}>{t(`kbMine.statuses.${e.status}`)}</Tag>
                  {e.status === "published" && e.pendingVersion !== null && (
                    <Tag color="gold">{t("kbMine.pending")}</Tag>
                  )}
                  {e.needsReview && <Tag color="red">{t("kbMine.needsReview")}</Tag>}
                </Space>
              ),
            },
            {
              title: t("kbMine.updatedAt"),
              dataIndex: "updatedAt",
              width: 140,
              render: (v: string) => formatTime(v),
            },
            {
              title: t("request.actions"),
              key: "actions",
              width: 200,
              render: (_: unknown, e) => (
                <Space size={4}>
                  {e.abilities.edit && e.status !== "archived" && (
                    <Button
                      size="small"
                      aria-label={`${t("kbMine.edit")}: ${e.question}`}
                      onClick={() => {
                        save.reset();
                        setEditing({ entry: e });
                      }}
                    >
                      {t("kbMine.edit")}
                    </Button>
                  )}
                  {e.abilities.propose && e.status === "draft" && (
                    <Button
                      size="small"
                      type="primary"
                      aria-label={`${t("kbMine.propose")}: ${e.question}`}
                      loading={propose.isPending && propose.variables?.id === e.id}
                      onClick={() => propose.mutate(e)}
                    >
                      {t("kbMine.propose")}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing && (
        <KbEntryDialog
          editing={editing.entry}
          saving={save.isPending}
          error={save.error ? conflictAware(save.error) : null}
          onCancel={() => setEditing(null)}
          onSave={(input) => save.mutate({ entry: editing.entry, input })}
        />
      )}
    </Space>
  );
}
