import { Alert, Button, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useRequestMassEvent } from "../../api/mass-events.js";
import { useCan } from "../../api/session.js";
import type { DialogRequest } from "../../components/ActionPanel.js";

/**
 * The mass event a request is linked to (issue 19), beside the request on the desk: its prepared
 * answer and one button that opens the answer dialog filled with it; the operator confirms there.
 * Shown only while the request may still be answered that way.
 */
export function MassEventPanel({
  requestId,
  answerable,
  onAnswer,
}: {
  requestId: string;
  answerable: boolean;
  /** Opens the answer dialog (ActionPanel's `request`), filled with the event's text and id. */
  onAnswer: (dialog: DialogRequest) => void;
}) {
  const { t } = useTranslation();
  const allowed = useCan()("request.answer_from_kb");
  const linked = useRequestMassEvent(requestId, allowed && answerable);
  const event = linked.data?.event;
  if (!answerable || !event) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="region"
      aria-label={t("massEvents.panelTitle")}
      title={
        <Space wrap>
          <Tag color="red">{t("massEvents.panelTitle")}</Tag>
          <Typography.Text strong>{event.title}</Typography.Text>
        </Space>
      }
      description={
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Text type="secondary">{t("massEvents.panelHint")}</Typography.Text>
          <Typography.Paragraph ellipsis={{ rows: 4, expandable: true }} style={{ marginBottom: 0 }}>
            {event.answer}
          </Typography.Paragraph>
          <Button
            type="primary"
            onClick={() =>
              onAnswer({ action: "answer_from_kb", initial: { answer: event.answer, massEventId: event.id } })
            }
          >
            {t("massEvents.answerWith")}
          </Button>
        </Space>
      }
    />
  );
}
