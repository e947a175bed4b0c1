import { App, Button, Form, List, Mentions, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { NOTE_MAX } from "../../../shared/schemas/feedback.js";
import { useAddNote, useMentionable, useNotes } from "../api/notes.js";
import { useCan } from "../api/session.js";
import { formatTime } from "./Badges.js";
import { readableEmpty, StackCard } from "./Page.js";

/**
 * Internal notes on a request (issue 19): the staff who work on it write to each other. The slip's
 * forwarding and assignment notes come first (as stored with the slip); "@" opens a picker of the
 * staff who may read this request, and whoever is mentioned is told live. Never shown to the requester.
 */
export function NotesPanel({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const allowed = can("request.note");
  const notes = useNotes(requestId, allowed);
  const people = useMentionable(requestId, allowed);
  const add = useAddNote(requestId);
  const [form] = Form.useForm<{ body: string }>();
  if (!allowed) return null;

  const submit = async ({ body }: { body: string }) => {
    const done = await add.mutateAsync(body).catch((error: Error) => {
      void message.error(error.message);
      return null;
    });
    if (!done) return;
    form.resetFields();
    void message.success(t("notes.added"));
  };

  return (
    <StackCard title={t("notes.title")}>
      <Typography.Text type="secondary">{t("notes.internalOnly")}</Typography.Text>
      <div role="log" aria-live="polite" aria-label={t("notes.list")}>
        <List
          size="small"
          loading={notes.isPending}
          locale={readableEmpty(t("notes.empty"))}
          dataSource={notes.data?.notes ?? []}
          renderItem={(n) => (
            <List.Item>
              <Space direction="vertical" size={0} style={{ width: "100%" }}>
                <Space wrap>
                  <Typography.Text strong>{n.author ?? "—"}</Typography.Text>
                  <Typography.Text type="secondary">{formatTime(n.at)}</Typography.Text>
                  {n.kind !== "note" && <Tag>{t(`notes.kind.${n.kind}`)}</Tag>}
                  {n.mentions.map((m) => (
                    <Tag key={m.username} color="blue">
                      @{m.username}
                    </Tag>
                  ))}
                </Space>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>
                  {n.body}
                </Typography.Paragraph>
              </Space>
            </List.Item>
          )}
        />
      </div>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="body"
          label={t("notes.new")}
          extra={t("notes.mentionHelp")}
          rules={[
            { required: true, whitespace: true, message: t("notes.required") },
            { max: NOTE_MAX, message: t("notes.tooLong", { max: NOTE_MAX }) },
          ]}
        >
          <Mentions
            rows={3}
            prefix="@"
            loading={people.isPending}
            options={(people.data?.users ?? []).map((u) => ({
              value: u.username,
              key: u.username,
              label: `${u.fullName} (@${u.username})`,
            }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t("notes.add")}
        </Button>
      </Form>
    </StackCard>
  );
}
