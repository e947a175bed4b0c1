import { type FormInstance, Modal, type ModalProps, Typography } from "antd";
import { useTranslation } from "react-i18next";

/** What the dialog reads of the save: a TanStack mutation fits as it is. */
export interface SaveState {
  isPending: boolean;
  error: Error | null;
}

type Props = Omit<ModalProps, "onOk" | "confirmLoading" | "cancelText"> & {
  /** The form inside: the OK button submits it. */
  form: FormInstance;
} & (
    | {
        /** The save behind the OK button: it spins while pending, its error is read out above the form. */
        mutation: SaveState;
        pending?: never;
        error?: never;
      }
    | {
        /** Whether the save is under way (the OK button spins), for a caller that holds no mutation. */
        pending: boolean;
        /** The server's refusal of the last attempt, shown above the form. */
        error?: string | null;
        mutation?: never;
      }
  );

/**
 * Every console dialog appears where it will stay, without zooming in from the pressed button:
 * zooming, a click at «Xác nhận» on a slow PC landed beside the still small dialog, on the mask,
 * which closed it unsaved (thirty-first session; e2e/console/dialog-press.test.ts).
 */
export const inPlace = { transitionName: "" } as const;

/**
 * A dialog around one form: OK submits the form ("Lưu" unless told otherwise), Cancel closes, the
 * server's error is read out above the inputs, and the inputs are dropped when it closes.
 * Ctrl+Enter (⌘+Enter) submits from anywhere in the dialog, a text area included (issue 18).
 */
export function FormModal({
  form,
  mutation,
  pending = mutation?.isPending ?? false,
  error = mutation?.error?.message,
  open = true,
  okText,
  children,
  ...modal
}: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      okText={okText ?? t("admin.save")}
      cancelText={t("action.cancel")}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
      {...inPlace}
      {...modal}
      modalRender={(node) => (
        // biome-ignore lint/a11y/noStaticElementInteractions: a keyboard shortcut of the dialog, not a control
        <div
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !pending) {
              event.preventDefault();
              form.submit();
            }
          }}
        >
          {node}
        </div>
      )}
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
