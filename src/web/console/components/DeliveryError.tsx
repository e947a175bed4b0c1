import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type DeliveryReason, resentReasons } from "../../../shared/delivery-reason.js";

/** Whose failure a reason is worded for: an outbox message, a webhook delivery, a call recording. */
type ReasonScope = "outbox" | "webhook" | "recording";

/**
 * A delivery's last error as staff read it: what happened and what to do, in words
 * (src/shared/delivery-reason.ts, catalogue `deliveryReason`), then the provider's own text in grey,
 * cut to two lines and expandable, for whoever fixes it. Without a reason (an older server) the text
 * is shown as before.
 */
export function DeliveryError({
  error,
  reason,
  status,
  channel,
  scope = "outbox",
}: {
  error: string | null;
  reason: DeliveryReason | null;
  status: string;
  /** Outbox only: a channel may word a reason its own way (`byChannel`). */
  channel?: string;
  scope?: "outbox" | "webhook";
}) {
  const { t } = useTranslation();
  if (!error) return <>—</>;
  if (!reason) return <Typography.Text type="danger">{error}</Typography.Text>;
  return (
    <div>
      <div>
        <ReasonWords reason={reason} status={status} channel={channel} scope={scope} />
      </div>
      <Typography.Paragraph
        type="secondary"
        style={{ margin: 0, fontSize: 12 }}
        ellipsis={{ rows: 2, expandable: "collapsible", tooltip: { title: error, placement: "topLeft" } }}
      >
        {t("deliveryReason.detail")}: {error}
      </Typography.Paragraph>
    </div>
  );
}

/**
 * «<what happened> — <what to do>» for one reason, in its scope's words; once a retried failure was
 * given up (`failed`), the scope's `gaveUp` instead of the hint. A call recording shows only this:
 * its stored text may name the server's settings and hosts.
 */
export function ReasonWords({
  reason,
  status,
  channel,
  scope,
}: {
  reason: DeliveryReason;
  status: string;
  channel?: string | undefined;
  scope: ReasonScope;
}) {
  const { t } = useTranslation();
  const base = scope === "outbox" ? "deliveryReason" : `deliveryReason.${scope}`;
  const label =
    scope === "outbox" && channel
      ? t([`deliveryReason.byChannel.${reason}_${channel}`, `${base}.label.${reason}`])
      : t(`${base}.label.${reason}`);
  const hint =
    status === "failed" && resentReasons.has(reason) ? t(`${base}.gaveUp`) : t(`${base}.hint.${reason}`);
  // What happened in red, what to do in the text's own colour: the hint is the part to act on.
  return (
    <>
      <Typography.Text type="danger">{label}</Typography.Text> — {hint}
    </>
  );
}
