import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Empty, Popover, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { NotificationView } from "../../../shared/schemas/notifications.js";
import {
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
} from "../api/notifications.js";
import { formatTime } from "./Badges.js";

/**
 * Issue 19: the bell in the console's header — how many notifications are unread, and the latest
 * ones, each a link to its request (opening one marks it read). Kept on the server, so what
 * happened while the user was signed out is here when they come back.
 */
export function NotificationBell({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const list = useNotifications(enabled);
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  const text = (n: NotificationView) =>
    t(`bell.kind.${n.kind}`, { by: n.by ?? t("bell.requester"), code: n.requestCode });

  const content = (
    <div style={{ width: 360, maxWidth: "80vw" }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("bell.empty")} />
      ) : (
        <ul aria-label={t("bell.title")} style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {items.map((n) => (
            <li key={n.id} style={{ padding: "8px 0", borderBottom: "1px solid #f0f0f0" }}>
              <Link
                to={`/requests/${n.requestId}`}
                onClick={() => {
                  setOpen(false);
                  if (!n.readAt) markRead.mutate(n.id);
                }}
                style={{ fontWeight: n.readAt ? 400 : 600, color: "#0b4f94" }}
              >
                {n.readAt ? null : <Badge status="processing" style={{ marginInlineEnd: 6 }} />}
                {text(n)}
              </Link>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(n.at)}
                  {n.readAt ? "" : ` · ${t("bell.unreadOne")}`}
                </Typography.Text>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      // Under the bell, shifted inside the window at its edge: "bottomRight" flipped to bottomLeft at
      // 390 px and ran its right third («Đánh dấu đã đọc tất cả») off the screen.
      placement="bottom"
      open={open}
      onOpenChange={setOpen}
      title={
        <Space style={{ width: "100%", justifyContent: "space-between" }}>
          <span>{t("bell.title")}</span>
          <Button size="small" type="link" disabled={unread === 0} onClick={() => markAll.mutate()}>
            {t("bell.markAll")}
          </Button>
        </Space>
      }
      content={content}
    >
      <Button aria-label={t("bell.label", { n: unread })} aria-haspopup="dialog" aria-expanded={open}>
        <Badge count={unread} size="small" offset={[8, -4]} aria-hidden>
          <BellOutlined />
        </Badge>
      </Button>
    </Popover>
  );
}
