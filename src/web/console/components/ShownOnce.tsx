import { Alert, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { inPlace } from "./FormModal.js";

/** A secret the server shows once (an API key, a signing secret): copyable, in a dialog. */
export function ShownOnce({
  title,
  hint,
  value,
  onClose,
}: {
  title: string;
  hint: string;
  value: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      {...inPlace}
      open
      title={title}
      onOk={onClose}
      onCancel={onClose}
      // Shown once: a stray click beside it must not close it before it is copied.
      maskClosable={false}
      cancelButtonProps={{ style: { display: "none" } }}
      okText={t("integrations.copied")}
    >
      <Alert type="warning" showIcon title={hint} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable={{ text: value }} code style={{ wordBreak: "break-all" }}>
        {value}
      </Typography.Paragraph>
    </Modal>
  );
}
