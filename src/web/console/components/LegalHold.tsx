import { Alert, Button, Card, Input, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLegalHold, useSetLegalHold } from "../api/data-rights.js";
import { useCan } from "../api/session.js";
import { formatTime } from "./Badges.js";

/** The coordinator's legal hold on a request: deletion and retention stop while it is set (audited). */
export function LegalHold({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const allowed = can("request.legal_hold");
  const hold = useLegalHold(requestId, allowed);
  const set = useSetLegalHold(requestId);
  const [reason, setReason] = useState("");
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
          <Space.Compact style={{ width: "100%" }}>
            <Input
              aria-label={t("dataRights.holdReason")}
              placeholder={t("dataRights.holdReason")}
              value={reason}
              maxLength={2000}
              onChange={(e) => setReason(e.target.value)}
            />
            <Button
              disabled={!reason.trim()}
              loading={set.isPending}
              onClick={() => set.mutate(reason.trim(), { onSuccess: () => setReason("") })}
            >
              {t("dataRights.setHold")}
            </Button>
          </Space.Compact>
        )}
        {set.error && <Alert type="error" showIcon role="alert" title={set.error.message} />}
      </Space>
    </Card>
  );
}
