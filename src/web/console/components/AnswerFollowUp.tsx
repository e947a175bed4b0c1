import { App, Button, Card, Descriptions, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import { useFeedback, useProposeKb } from "../api/notes.js";
import { useCan } from "../api/session.js";
import { formatTime } from "./Badges.js";

/**
 * After publication (issue 19): what the requester said of the answer — resolved or not, rating,
 * comment (staff only) — and, for the answering agency, proposing the published answer as a Q&A
 * draft. The server decides whether the proposal is allowed; the button shows for those who may
 * propose Q&A entries on a published request.
 */
export function AnswerFollowUp({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = useCan();
  const feedback = useFeedback(detail.id);
  const propose = useProposeKb(detail.id);
  const f = feedback.data?.feedback ?? null;
  const published = detail.publicId !== null && detail.answeringAgency !== null;
  const mayPropose = published && can("kb.propose");
  if (!f && !mayPropose) return null;

  const onPropose = async () => {
    const done = await propose.mutateAsync().catch((error: Error) => {
      void message.error(error.message);
      return null;
    });
    if (!done) return;
    void message.success(t("kbFromAnswer.created"));
    void navigate("/kb");
  };

  return (
    <Card size="small" title={t("feedback.title")}>
      {f ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t("feedback.resolved")}>
            <Tag color={f.resolved ? "green" : "red"}>
              {f.resolved ? t("feedback.yes") : t("feedback.no")}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t("feedback.rating")}>{`${f.rating}/5`}</Descriptions.Item>
          <Descriptions.Item label={t("feedback.comment")}>
            <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{f.comment ?? "—"}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("feedback.at")}>{formatTime(f.at)}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">{t("feedback.none")}</Typography.Text>
      )}
      {mayPropose && (
        <div style={{ marginTop: 12 }}>
          <Button onClick={() => void onPropose()} loading={propose.isPending}>
            {t("kbFromAnswer.propose")}
          </Button>
          <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
            {t("kbFromAnswer.help")}
          </Typography.Paragraph>
        </div>
      )}
    </Card>
  );
}
