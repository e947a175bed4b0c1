import { Alert, Button, Result, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../api/client.js";

export function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ display: "grid", placeItems: "center", minHeight: 240 }}>
      {/* `description`, not antd 6's deprecated `tip`; on one line ("Đang / tải…" broke in two). */}
      <Spin description={t("app.loading")} size="large" styles={{ description: { whiteSpace: "nowrap" } }}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}

/** Whether the server answered 404: the thing asked for (a request, a data request) does not exist. */
export const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.status === 404;

/** "Not found" for a record the page was asked to show (an unknown or hidden id), with the way back. */
export function RecordNotFound({ what }: { what?: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={what ? `${what}: ${t("worklist.notFound")}` : t("worklist.notFound")}
      subTitle={t("worklist.notFoundHint")}
      extra={
        <Link to="/">
          <Button type="primary">{t("worklist.back")}</Button>
        </Link>
      }
    />
  );
}

export function NotAvailable({ what }: { what?: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      title={what ? `${what}: ${t("app.notAvailable")}` : t("app.notAvailable")}
      description={t("app.notAvailableHint")}
    />
  );
}

export function ErrorState({
  error,
  onRetry,
  what,
}: {
  error: unknown;
  onRetry?: () => void;
  what?: string;
}) {
  const { t } = useTranslation();
  if (isNotFound(error)) return <RecordNotFound what={what} />;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      title={t("app.error")}
      description={message}
      action={onRetry ? <Button onClick={onRetry}>{t("app.retry")}</Button> : undefined}
    />
  );
}

/**
 * What a page shows until the one query it is built on has answered: the spinner while it loads,
 * then its error with a retry. The page reads `if (query.data === undefined) return <Unanswered … />`,
 * after which its data is there. Not `!query.isSuccess`: a refresh in the background that fails (the
 * server restarting, a dropped network) turns a query that had answered into an error while keeping
 * its data, and the page — with whatever was being typed in it — was replaced by the error box.
 */
export function Unanswered({
  query,
  what,
}: {
  query: { isError: boolean; error: unknown; refetch: () => unknown };
  what?: string;
}) {
  if (!query.isError) return <Loading />;
  return <ErrorState error={query.error} what={what} onRetry={() => void query.refetch()} />;
}

/**
 * Over a page whose query answered once and whose latest refresh failed: what is shown may be out of
 * date (kept, with what is being typed in it), and a retry beside it.
 */
export function StaleNotice({
  query,
}: {
  query: { isError: boolean; data: unknown; isFetching: boolean; refetch: () => unknown };
}) {
  const { t } = useTranslation();
  if (!query.isError || query.data === undefined) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      title={t("app.stale")}
      action={
        <Button size="small" loading={query.isFetching} onClick={() => void query.refetch()}>
          {t("app.retry")}
        </Button>
      }
    />
  );
}

/** A page that cannot be shown (unknown address, or not this role's), with the way back home. */
function DeadEnd({ status, message }: { status: "403" | "404"; message: "app.notFound" | "app.noAccess" }) {
  const { t } = useTranslation();
  return (
    <Result
      status={status}
      title={status}
      subTitle={t(message)}
      extra={
        <Link to="/">
          <Button type="primary">{t("app.home")}</Button>
        </Link>
      }
    />
  );
}

export const NotFound = () => <DeadEnd status="404" message="app.notFound" />;

export const NoAccess = () => <DeadEnd status="403" message="app.noAccess" />;
