import { PhoneOutlined } from "@ant-design/icons";
import { App, Button, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type CallView, canCallBack, displayNumber, useCallBack, useCallQueue } from "../../api/calls.js";
import { formatTime } from "../../components/Badges.js";
import { SectionCard } from "../../components/Page.js";
import { ErrorState } from "../../components/States.js";

const statusColor = { ringing: "orange", answered: "green", ended: "default", missed: "red" } as const;

/**
 * The caller on screen (issue 12): calls ringing or on the line, pushed live by the switchboard.
 * Picking one up (or being the agent who answered) fills the intake form and links it to the call.
 */
export function LiveCalls({
  linkedId,
  me,
  onTake,
}: {
  linkedId: string | null;
  /** The signed-in user's username: a call ringing at a colleague's extension is not theirs to take. */
  me: string | undefined;
  onTake: (call: CallView) => void;
}) {
  const { t } = useTranslation();
  const calls = useCallQueue("live");
  if (calls.isError) return <ErrorState error={calls.error} what={t("phone.liveTitle")} />;
  const items = calls.data?.items ?? [];
  if (items.length === 0 && !calls.isPending) return null;
  return (
    <SectionCard title={t("phone.liveTitle")}>
      <List
        size="small"
        loading={calls.isPending}
        dataSource={items}
        locale={{ emptyText: t("phone.noLiveCalls") }}
        renderItem={(call) => {
          const number = displayNumber(call.from) ?? t("phone.anonymous");
          // Ringing at a colleague's extension (6 Dec 2026): shown, not offered; the server refuses it too.
          const elsewhere = call.status === "ringing" && call.agent !== null && call.agent !== me;
          return (
            <List.Item
              data-testid={`call-${call.callId}`}
              actions={
                elsewhere
                  ? []
                  : [
                      <Button
                        key="take"
                        type={linkedId === call.callId ? "default" : "primary"}
                        icon={<PhoneOutlined />}
                        // Taken already: on this form, or its request saved (6 Dec 2026: it was offered again).
                        disabled={linkedId === call.callId || call.requestCode !== null}
                        onClick={() => onTake(call)}
                        aria-label={`${t("phone.pickUp")}: ${number}`}
                      >
                        {t("phone.pickUp")}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={t("phone.incoming", { number })}
                description={
                  <>
                    <Tag color={statusColor[call.status]}>{t(`phone.status.${call.status}`)}</Tag>
                    {formatTime(call.startedAt)}
                    {/* The listener once someone answered, named as the console names staff. */}
                    {call.status === "answered" && call.agentName
                      ? ` · ${t("phone.onCall", { agent: call.agentName })}`
                      : ""}
                    {elsewhere ? ` · ${t("phone.ringingAt", { agent: call.agentName ?? call.agent })}` : ""}
                  </>
                }
              />
            </List.Item>
          );
        }}
      />
    </SectionCard>
  );
}

/** Missed and abandoned calls, oldest first; a callback asks the switchboard to place the call. */
export function CallbackQueue() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const calls = useCallQueue("callbacks");
  const callBack = useCallBack();
  if (calls.isError) return <ErrorState error={calls.error} what={t("phone.callbacksTitle")} />;
  const items = calls.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <SectionCard title={`${t("phone.callbacksTitle")} (${items.length})`}>
      <List
        size="small"
        dataSource={items}
        renderItem={(call) => (
          <List.Item
            actions={[
              <Button
                key="back"
                size="small"
                disabled={call.callback === "requested" || !canCallBack(call)}
                loading={callBack.isPending && callBack.variables === call.callId}
                onClick={() =>
                  callBack.mutate(call.callId, {
                    onSuccess: () => void message.success(t("phone.callbackRequested")),
                    onError: (e) => void message.error(e.message),
                  })
                }
              >
                {t("phone.callBack")}
              </Button>,
            ]}
          >
            <Space direction="vertical" size={0}>
              <Typography.Text>
                {displayNumber(call.from) ?? t("phone.anonymous")} ·{" "}
                {formatTime(call.endedAt ?? call.startedAt)}
              </Typography.Text>
              {/* Waiting again after a callback: the server reopened it as it did not reach them. */}
              {call.callback === "waiting" && call.callbackTriedAt && (
                <Typography.Text type="secondary">
                  {t("phone.callbackNotReached", { time: formatTime(call.callbackTriedAt) })}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </SectionCard>
  );
}
