import { type FormInstance, Modal, type ModalProps, Typography } from "antd";
import { useRef } from "react";
import { useTranslation } from "react-i18next";

/** What the dialog reads of the save: a TanStack mutation fits as it is. */
export interface SaveState {
  isPending: boolean;
  error: Error | null;
}

type Props = Omit<ModalProps, "onOk" | "confirmLoading" | "cancelText"> & {
  /** The form inside: the OK button submits it. */
  form: FormInstance;
  /**
   * An add or edit dialog's title, in place of `title`, as every such dialog is named: «Sửa {noun}:
   * {name}» when a name is given (the row edited), «Thêm {noun}» otherwise.
   */
  naming?: { noun: string; name?: string | undefined };
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

const FIELDS =
  "input:not([type=hidden]):not([type=file]):not([disabled]):not([readonly]), textarea:not([disabled])";

/**
 * The dialog's first field takes the keyboard when it opens, unless a field already has it (autoFocus):
 * the dialog itself focused its «×», so Enter closed an «Thêm» dialog unsaved and typing went nowhere
 * (thirty-sixth session's walk).
 */
function focusFirstField(dialog: HTMLElement | null): void {
  const body = dialog?.querySelector<HTMLElement>(".ant-modal-body");
  if (!body || body.contains(document.activeElement)) return;
  const first = [...body.querySelectorAll<HTMLElement>(FIELDS)].find((el) => el.getClientRects().length > 0);
  first?.focus();
}

/** Enter in a one-line text field submits, as in any form; not in a list, a date picker or a text area. */
function submitsOnEnter(target: EventTarget): boolean {
  return (
    target instanceof HTMLInputElement &&
    ["text", "email", "tel", "password", "number", "search", "url"].includes(target.type) &&
    target.getAttribute("role") !== "combobox" &&
    !target.closest(".ant-picker, .ant-select, .ant-input-search")
  );
}

/**
 * A dialog around one form: OK submits the form ("Lưu" unless told otherwise), Cancel closes, the
 * server's error is read out above the inputs, and the inputs are dropped when it closes.
 * Ctrl+Enter (⌘+Enter) submits from anywhere in the dialog, a text area included (issue 18); Enter from a
 * one-line field (thirty-sixth session). The first field has the keyboard when the dialog opens.
 */
export function FormModal({
  form,
  naming,
  title,
  mutation,
  pending = mutation?.isPending ?? false,
  error = mutation?.error?.message,
  open = true,
  okText,
  children,
  ...modal
}: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  return (
    <Modal
      open={open}
      title={
        naming === undefined
          ? title
          : naming.name === undefined
            ? t("admin.addWhat", { what: naming.noun })
            : t("admin.editWhat", { what: naming.noun, name: naming.name })
      }
      okText={okText ?? t("admin.save")}
      cancelText={t("action.cancel")}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
      {...inPlace}
      {...modal}
      afterOpenChange={(opened) => {
        if (opened) focusFirstField(box.current);
        modal.afterOpenChange?.(opened);
      }}
      modalRender={(node) => (
        // biome-ignore lint/a11y/noStaticElementInteractions: a keyboard shortcut of the dialog, not a control
        <div
          ref={box}
          onKeyDown={(event) => {
            if (event.key !== "Enter" || pending || event.nativeEvent.isComposing) return;
            if (event.ctrlKey || event.metaKey || submitsOnEnter(event.target)) {
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
