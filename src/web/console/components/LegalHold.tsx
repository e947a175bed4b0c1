import { Alert, Button, Card, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { legalHoldBody } from "../../../shared/schemas/data-rights.js";
import { useLegalHold, useSetLegalHold } from "../api/data-rights.js";
import { useCan } from "../api/session.js";
import { formatTime } from "./Badges.js";
import { TextAndButton } from "./FormItems.js";

/** The coordinator's legal hold on a request: deletion and retention stop while it is set (audited). */
export function LegalHold({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const allowed = can("request.legal_hold");
  const hold = useLegalHold(requestId, allowed);
  const set = useSetLegalHold(requestId);
  if (!allowed || !hold.data) return null;
  const held = hold.data.legalHoldAt !== null;
  return (
    <Card size="small" title={t("dataRights.legalHold")}>
      <Space direction="vertical" style={{ width: "100%" }}>
        {held ? (
          <>
            <Typography.Text>
              <Tag color="red">{t("dataRights.legalHold")}</Tag>
              {formatTime(hold.data.legalHoldAt ?? "")} — {hold.data.legalHoldReason}
            </Typography.Text>
            <Button loading={set.isPending} onClick={() => set.mutate(null)}>
              {t("dataRights.releaseHold")}
            </Button>
          </>
        ) : (
          <TextAndButton
            label={t("dataRights.holdReason")}
            schema={legalHoldBody.shape.reason}
            button={t("dataRights.setHold")}
            loading={set.isPending}
            onSend={(reason, clear) => set.mutate(reason, { onSuccess: clear })}
          />
        )}
        {set.error && <Alert type="error" showIcon role="alert" title={set.error.message} />}
      </Space>
    </Card>
  );
}
