import { Alert, Button, Form, Input, List, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import { conversationText } from "../../../shared/schemas/requests.js";
import { useRequestAction } from "../api/requests.js";
import { useMe } from "../api/session.js";
import { actionDraft, textsOf } from "../drafts.js";
import { useAttempt } from "./attempt.js";
import { formatTime } from "./Badges.js";
import { DraftRestored } from "./FormItems.js";
import { StackCard } from "./Page.js";
import { zodRule } from "./zodRule.js";

/**
 * The conversation with the requester (Art. 14.6): the agency's questions and the replies from the
 * follow page, email, Zalo or Facebook, newest last; live updates bring a reply in without reload.
 * The ask form shows when the server allows `ask_requester` on this request now.
 */
export function Conversation({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  const attempt = useAttempt();
  const [form] = Form.useForm<{ message: string }>();
  const ask = useRequestAction(detail.id);
  const canAsk = detail.allowedActions.includes("ask_requester");
  // The question being typed, kept in the tab for its user (drafts.ts) until it is sent or discarded.
  const user = useMe().data?.user.username;
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    const kept = canAsk && user ? actionDraft("ask_requester", detail.id).read(user) : null;
    if (!kept?.message) return;
    form.setFieldsValue({ message: kept.message });
    setRestored(true);
  }, [form, canAsk, user, detail.id]);
  if (detail.messages.length === 0 && !canAsk) return null;

  const anew = () => {
    actionDraft("ask_requester", detail.id).clear();
    form.resetFields();
    setRestored(false);
  };
  const submit = async ({ message: text }: { message: string }) => {
    const asked = { action: "ask_requester", body: { version: detail.version, message: text } } as const;
    const done = await attempt(ask, asked, t("conversation.sent"));
    if (done) anew();
  };

  return (
    <StackCard title={t("conversation.title")}>
      {detail.awaitingRequesterSince && (
        <Alert
          type="info"
          showIcon
          title={t("conversation.waiting", { since: formatTime(detail.awaitingRequesterSince) })}
          description={t("conversation.clockRuns")}
        />
      )}
      {detail.messages.length > 0 ? (
        // A chat log: replies arriving live are announced politely to screen readers.
        <div role="log" aria-live="polite" aria-label={t("conversation.messages")}>
          <List
            size="small"
            dataSource={detail.messages}
            renderItem={(m) => (
              <List.Item>
                <Space direction="vertical" size={0} style={{ width: "100%" }}>
                  <Space size={4} wrap>
                    <Tag color={m.direction === "in" ? "green" : "blue"}>
                      {t(m.direction === "in" ? "conversation.in" : "conversation.out")}
                    </Tag>
                    <Typography.Text type="secondary">
                      {m.author} · {t(`channel.${m.channel}`)} · {formatTime(m.at)}
                    </Typography.Text>
                  </Space>
                  <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{m.body}</div>
                </Space>
              </List.Item>
            )}
          />
        </div>
      ) : (
        <Typography.Text type="secondary">{t("conversation.empty")}</Typography.Text>
      )}
      {canAsk && (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          onValuesChange={(_, all) => {
            if (user) actionDraft("ask_requester", detail.id).write(user, textsOf(all));
          }}
        >
          {restored && <DraftRestored title={t("action.draftRestored")} onDiscard={anew} />}
          {ask.error && (
            <Alert type="error" showIcon title={ask.error.message} style={{ marginBottom: 12 }} />
          )}
          <Form.Item
            name="message"
            label={t("conversation.question")}
            extra={t("conversation.askHint")}
            rules={[zodRule(conversationText)]}
          >
            {/* No maxLength: it cut a pasted text at 5,000 characters unseen and sent the rest; the rule says so. */}
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={ask.isPending}>
            {t("conversation.ask")}
          </Button>
        </Form>
      )}
    </StackCard>
  );
}
