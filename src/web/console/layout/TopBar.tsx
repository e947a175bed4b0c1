import { KeyOutlined, LogoutOutlined } from "@ant-design/icons";
import { Badge, Button, Grid, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { LiveState } from "../api/live.js";
import { useLogout, useMe } from "../api/session.js";
import { LanguageSwitch } from "../components/LanguageSwitch.js";
import { NotificationBell } from "../components/NotificationBell.js";

/**
 * The header's line: live status, notifications, language, who is signed in, account, sign-out.
 * One line at every width (sixteenth session: it wrapped to two at 800 px and on a phone). Below
 * "lg" (where the menu folds) the two buttons keep only their icon, named for assistive technology
 * and in a tooltip; below "md" the live status keeps only its dot (its words read by screen
 * readers and in the tooltip), the role moves into the name's tooltip and the name takes two lines
 * rather than lose its end (thirty-seventh session: «Nguyễn Văn Minh» was cut by 33 px at 390 px).
 */
export function TopBar({ live }: { live: LiveState }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const logout = useLogout();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const iconOnly = !screens.lg;
  const phone = !screens.md;
  const liveText = live === "offline" ? t("app.offline") : t("app.live");
  const role = me ? t(`role.${me.user.role}`) : "";
  return (
    <Space size={phone ? "small" : "middle"} className="top-bar">
      <span title={phone ? liveText : undefined}>
        <Badge
          status={live === "live" ? "success" : live === "connecting" ? "processing" : "error"}
          text={phone ? <span className="visually-hidden">{liveText}</span> : liveText}
        />
      </span>
      <NotificationBell enabled={Boolean(me)} />
      <LanguageSwitch />
      {me && (
        <Typography.Text
          className={phone ? "top-bar-name top-bar-name-wrapped" : "top-bar-name"}
          ellipsis={!phone}
          title={phone ? `${me.user.fullName} · ${role}` : undefined}
        >
          <strong>{me.user.fullName}</strong>
          {phone ? null : ` · ${role}`}
        </Typography.Text>
      )}
      <Button
        icon={<KeyOutlined />}
        aria-label={t("account.menu")}
        title={iconOnly ? t("account.menu") : undefined}
        onClick={() => void navigate("/account")}
      >
        {iconOnly ? null : t("account.menu")}
      </Button>
      <Button
        icon={<LogoutOutlined />}
        aria-label={t("app.logout")}
        title={iconOnly ? t("app.logout") : undefined}
        onClick={() => void logout().then(() => navigate("/login"))}
      >
        {iconOnly ? null : t("app.logout")}
      </Button>
    </Space>
  );
}
