import { Alert, Button, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { displayNumber, recordingUrl, useRequestCalls } from "../api/calls.js";
import { useCan } from "../api/session.js";
import { formatTime } from "./Badges.js";
import { ReasonWords } from "./DeliveryError.js";

/**
 * The calls of a request (issue 12): when, who answered, the recording (streamed with range
 * requests; each playback is in the access log; when it was not kept, why, in words) and every live
 * transfer with its result.
 */
export function RequestCalls({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const can = useCan()("call.handle");
  const calls = useRequestCalls(requestId, can);
  const items = calls.data?.items ?? [];
  if (!can || items.length === 0) return null;
  return (
    <section aria-label={t("phone.callsTitle")}>
      <Typography.Title level={5}>{t("phone.callsTitle")}</Typography.Title>
      <List
        size="small"
        bordered
        dataSource={items}
        renderItem={(call) => (
          <List.Item data-testid={`request-call-${call.callId}`}>
            <Space direction="vertical" style={{ width: "100%" }}>
              <Typography.Text>
                {displayNumber(call.from) ?? t("phone.anonymous")} · {formatTime(call.startedAt)} ·{" "}
                <Tag>{t(`phone.status.${call.status}`)}</Tag>
                {call.agent ? t("phone.onCall", { agent: call.agent }) : ""}
              </Typography.Text>
              {call.recording?.status === "stored" && (
                <Space wrap>
                  {/* biome-ignore lint/a11y/useMediaCaption: a phone call recording has no caption track */}
                  <audio
                    controls
                    preload="none"
                    src={recordingUrl(call.callId)}
                    aria-label={t("phone.recording")}
                  />
                  <Button size="small" href={recordingUrl(call.callId, true)}>
                    {t("phone.downloadRecording")}
                  </Button>
                </Space>
              )}
              {call.recording?.status === "pending" && (
                <Typography.Text type="secondary">{t("phone.recordingPending")}</Typography.Text>
              )}
              {(call.recording?.status === "refused" || call.recording?.status === "failed") && (
                // An alert, as the console's other warnings: orange text alone fails WCAG contrast (axe).
                <Alert
                  type="warning"
                  showIcon
                  title={t("phone.recordingUnavailable")}
                  description={
                    call.recording.lastErrorReason && (
                      <ReasonWords
                        reason={call.recording.lastErrorReason}
                        status={call.recording.status}
                        scope="recording"
                      />
                    )
                  }
                />
              )}
              {call.transfers.map((tr) => (
                <Typography.Text key={`${tr.agencyCode}-${tr.at}`}>
                  {t("phone.transfers")}: {tr.agencyName} ({tr.number}) —{" "}
                  {tr.result ? t(`phone.result.${tr.result}`) : t("phone.transferPending")} ·{" "}
                  {formatTime(tr.at)}
                </Typography.Text>
              ))}
            </Space>
          </List.Item>
        )}
      />
    </section>
  );
}
