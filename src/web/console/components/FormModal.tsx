import { type FormInstance, Modal, type ModalProps, Typography } from "antd";
import { useTranslation } from "react-i18next";

type Props = Omit<ModalProps, "onOk" | "confirmLoading" | "cancelText"> & {
  /** The form inside: the OK button submits it. */
  form: FormInstance;
  /** Whether the save is under way (the OK button spins). */
  pending: boolean;
  /** The server's refusal of the last attempt, shown above the form. */
  error?: string | null;
};

/**
 * A dialog around one form: OK submits the form ("Lưu" unless told otherwise), Cancel closes, the
 * server's error is read out above the inputs, and the inputs are dropped when it closes.
 */
export function FormModal({ form, pending, error, open = true, okText, children, ...modal }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      okText={okText ?? t("admin.save")}
      cancelText={t("action.cancel")}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
      {...modal}
    >
      {error && (
        <Typography.Paragraph type="danger" role="alert">
          {error}
        </Typography.Paragraph>
      )}
      {children}
    </Modal>
  );
}
