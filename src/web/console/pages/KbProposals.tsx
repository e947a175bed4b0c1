import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Checkbox, Form, Select, Space, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type KbEntry, type KbStatus, kbStatuses } from "../../../shared/schemas/kb.js";
import { ApiError, api } from "../api/client.js";
import { useFields } from "../api/directory.js";
import { useFilteredPagedList } from "../api/paged.js";
import { useMe } from "../api/session.js";
import { formatTime } from "../components/Badges.js";
import { FieldSelect } from "../components/DirectorySelects.js";
import { Page, QueryTable, readableEmpty } from "../components/Page.js";
import { KbEntryDialog, type KbInput } from "./kb/KbEntryDialog.js";

const statusColour: Record<KbStatus, string> = {
  draft: "default",
  proposed: "gold",
  published: "green",
  archived: "default",
};
const PAGE_SIZE = 20;

/** What the agency's list may be narrowed to (the list API's own parameters). */
interface KbFilter {
  status: KbStatus;
  field: string;
  needsReview: "true";
}

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
  const [editing, setEditing] = useState<{ entry: KbEntry | null } | null>(null);
  const { filter, applyFilter, table } = useFilteredPagedList<KbEntry, KbFilter>(
    ["kb", "mine", agencyId ?? "all"],
    "/api/v1/kb/entries",
    PAGE_SIZE,
    { agencyId },
  );
  const filtered = Object.values(filter).some((v) => v !== undefined);
  const open = (entry: KbEntry | null) => {
    save.reset();
    setEditing({ entry });
  };
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

  const columns: ColumnsType<KbEntry> = [
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
        <Space size={4} wrap>
          {e.abilities.edit && e.status !== "archived" && (
            <Button size="small" aria-label={`${t("kbMine.edit")}: ${e.question}`} onClick={() => open(e)}>
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
  ];

  return (
    <Page
      title={t("kbMine.title")}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
          {t("kbMine.create")}
        </Button>
      }
    >
      {/* An agency with hundreds of entries finds the drafts, those awaiting review or expired. */}
      <Form
        layout="inline"
        name="kb-filter"
        style={{ marginBottom: 12, rowGap: 8 }}
        onValuesChange={(_: unknown, all: { status?: KbStatus; field?: string; needsReview?: boolean }) =>
          applyFilter({
            status: all.status ?? undefined,
            field: all.field ?? undefined,
            needsReview: all.needsReview ? "true" : undefined,
          })
        }
      >
        <Form.Item name="status" label={t("kbMine.status")}>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t("kbMine.allStatuses")}
            options={kbStatuses.map((s) => ({ value: s, label: t(`kbMine.statuses.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="field" label={t("kbMine.field")}>
          <FieldSelect style={{ width: 240 }} placeholder={t("kbMine.allFields")} />
        </Form.Item>
        <Form.Item name="needsReview" valuePropName="checked">
          <Checkbox>{t("kbMine.needsReview")}</Checkbox>
        </Form.Item>
      </Form>
      <QueryTable<KbEntry>
        {...table}
        what={t("kbMine.title")}
        locale={readableEmpty(t(filtered ? "kbMine.noMatch" : "kbMine.empty"))}
        stacked={{ trailing: 1, scrollX: 900 }}
        columns={columns}
      />
      {editing && (
        <KbEntryDialog
          editing={editing.entry}
          saving={save.isPending}
          error={save.error ? conflictAware(save.error) : null}
          onCancel={() => setEditing(null)}
          onSave={(input) => save.mutate({ entry: editing.entry, input })}
        />
      )}
    </Page>
  );
}
