import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { RevealedContact } from "../../../shared/schemas/access-log.js";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import { api } from "../api/client.js";
import { useCan } from "../api/session.js";

/**
 * The requester as this viewer may see them: agencies get phone, email and address masked and a
 * "Hiện liên hệ" button that asks the server for them (each reveal is in the access log; issue 13).
 * The rule stays on the server: the answer says whether the contact is masked.
 */
export function RequesterContact({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const reveal = useMutation({
    mutationFn: () =>
      api<RevealedContact>(`/api/v1/requests/${detail.id}/contact-reveal`, { method: "POST" }),
  });
  const r = reveal.data ?? detail.requester;
  const line = [r.fullName, r.phone, r.address, r.email].filter(Boolean).join(" · ") || "—";
  if (!detail.requester.contactMasked || !can("request.contact_reveal")) return <>{line}</>;
  return (
    <Space direction="vertical" size={4}>
      <span>{line}</span>
      {reveal.data ? (
        <Typography.Text type="secondary">{t("request.contactRevealed")}</Typography.Text>
      ) : (
        <Button size="small" loading={reveal.isPending} onClick={() => reveal.mutate()}>
          {t("request.revealContact")}
        </Button>
      )}
      {reveal.error && <Alert type="error" showIcon message={reveal.error.message} />}
    </Space>
  );
}
