import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Form, List, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import type { RoutingSuggestions } from "../../../shared/schemas/routing.js";
import { api } from "../api/client.js";
import { useAgencies } from "../api/directory.js";
import { formatTime } from "./Badges.js";
import { foldedSearch } from "./DirectorySelects.js";

/**
 * Several agencies on one request (issue 19): the contributions of cooperating agencies, for the
 * lead agency that records the one answer, and who has not contributed yet.
 */
export function Contributions({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  const cooperating = detail.slips.filter((s) => s.role === "cooperating");
  if (cooperating.length === 0) return null;
  const waiting = cooperating.filter((s) => s.closedAt === null).map((s) => s.agencyName);
  return (
    <Card size="small" title={t("cooperation.contributions")}>
      {waiting.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={t("cooperation.waiting", { agencies: waiting.join(", ") })}
        />
      )}
      <List
        size="small"
        dataSource={detail.contributions}
        locale={{ emptyText: "—" }}
        renderItem={(c) => (
          <List.Item>
            <Space direction="vertical" size={0} style={{ width: "100%" }}>
              <Space wrap>
                <Typography.Text strong>{c.agencyName}</Typography.Text>
                <Tag color={c.onTime ? "green" : "red"}>
                  {t(c.onTime ? "cooperation.onTime" : "cooperation.late")}
                </Tag>
              </Space>
              <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{c.body}</div>
              <Typography.Text type="secondary">
                {[c.authorName, formatTime(c.createdAt)].filter(Boolean).join(" · ")}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The role of a slip, beside its agency in the slips table. */
export function SlipRoleTag({ role }: { role: RequestDetail["slips"][number]["role"] }) {
  const { t } = useTranslation();
  return <Tag color={role === "lead" ? "blue" : undefined}>{t(`cooperation.role.${role}`)}</Tag>;
}

/** Several agencies, picked by name without diacritics (forwarding with cooperating agencies). */
export function AgenciesSelect({
  exclude,
  ...props
}: {
  exclude?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
}) {
  const agencies = useAgencies();
  return (
    <Select<string[]>
      mode="multiple"
      allowClear
      showSearch={foldedSearch}
      loading={agencies.isPending}
      options={(agencies.data ?? [])
        .filter((a) => a.active && a.id !== exclude)
        .map((a) => ({ value: a.id, label: a.name }))}
      {...props}
    />
  );
}

/**
 * The forward dialog's cooperating agencies (issue 19): optional; each gets a slip of its own.
 */
export function CooperatingItem({
  name = "cooperatingAgencyIds",
  label = "cooperation.cooperatingAgencies",
}) {
  const { t } = useTranslation();
  const lead: string | undefined = Form.useWatch("agencyId");
  return (
    <Form.Item name={name} label={t(label)} extra={t("cooperation.cooperatingHint")}>
      <AgenciesSelect exclude={lead} />
    </Form.Item>
  );
}

/**
 * Routing suggestions in the forward dialog (issue 19): the likely agencies first, each with why;
 * choosing one fills the agency field.
 */
export function RoutingSuggestionList({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const chosen: string | undefined = Form.useWatch("agencyId");
  const q = useQuery({
    queryKey: ["requests", "routing", requestId],
    queryFn: ({ signal }) =>
      api<RoutingSuggestions>(`/api/v1/requests/${requestId}/routing-suggestions`, { signal }),
  });
  if (q.isPending || q.isError) return null;
  const places = q.data.places.map((p) => (p.formerName ? `${p.name} (${p.formerName})` : p.name));
  return (
    <Card size="small" title={t("cooperation.suggestions")} style={{ marginBottom: 12 }}>
      {places.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t("cooperation.places", { places: places.join(", ") })}
        </Typography.Paragraph>
      )}
      {q.data.suggestions.length === 0 ? (
        <Typography.Text type="secondary">{t("cooperation.suggestionsEmpty")}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={q.data.suggestions.slice(0, 3)}
          renderItem={(s) => (
            <List.Item
              actions={[
                <Button
                  key="choose"
                  size="small"
                  type={chosen === s.agencyId ? "primary" : "default"}
                  aria-label={`${t("cooperation.choose")}: ${s.agencyName}`}
                  onClick={() => form.setFieldValue("agencyId", s.agencyId)}
                >
                  {t("cooperation.choose")}
                </Button>,
              ]}
            >
              <List.Item.Meta title={s.agencyName} description={s.reasons.join(" · ")} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
