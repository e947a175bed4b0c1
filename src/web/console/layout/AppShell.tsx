import { App, Button, Grid, Layout, Menu, Typography } from "antd";
import type { ItemType } from "antd/es/menu/interface";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useAgencyDirectoryHeld } from "../api/directory.js";
import { useLiveUpdates } from "../api/live.js";
import { useCan, useMe } from "../api/session.js";
import { Loading } from "../components/States.js";
import { navEntries } from "./nav.js";
import { TopBar } from "./TopBar.js";

const { Header, Sider, Content } = Layout;

/** The frame of every work page: menu by the caller's abilities, who is signed in, live status. */
export default function AppShell() {
  const { t } = useTranslation();
  const me = useMe().data;
  const can = useCan();
  const navigate = useNavigate();
  const location = useLocation();
  const { notification } = App.useApp();
  useAgencyDirectoryHeld();
  // Art. 14.6: the agency's own staff are told when a requester writes (the stream already carries
  // only their agency's requests); province-wide roles see it in their refreshed lists instead.
  const live = useLiveUpdates(
    Boolean(me),
    (code) => {
      if (me?.user.agencyId)
        notification.info({ title: t("conversation.replyArrived", { code }), placement: "bottomRight" });
    },
    // Art. 10.2 (issue 12): a live transfer that did not connect is shown to the operators at once.
    (call) => {
      if (call.kind === "transfer_result" && call.result && call.result !== "connected")
        notification.warning({
          title: t("phone.transferFailedLive", {
            callId: call.callId,
            result: t(`phone.result.${call.result}`),
          }),
          placement: "bottomRight",
        });
    },
    // Issue 19: mentioned in an internal note, or a requester to call back — told at once, with the
    // way to the request (the bell keeps it); opening the request puts the alert away.
    (alert) => {
      const key = `${alert.kind}:${alert.requestId}`;
      notification[alert.kind === "mention" ? "info" : "warning"]({
        key,
        title: t(`bell.kind.${alert.kind}`, { by: alert.by, code: alert.code }),
        actions: (
          <Button
            size="small"
            type="primary"
            onClick={() => {
              notification.destroy(key);
              void navigate(`/requests/${alert.requestId}`);
            }}
          >
            {t("notes.open")}
          </Button>
        ),
        placement: "bottomRight",
        duration: 0,
      });
    },
  );

  const allowed = navEntries.filter((entry) => can(entry.ability));
  const main: ItemType[] = allowed
    .filter((e) => !e.group)
    .map((e) => ({ key: e.path, label: t(e.labelKey) }));
  const admin = allowed
    .filter((e) => e.group === "admin")
    .map((e) => ({ key: e.path, label: t(e.labelKey) }));
  const items: ItemType[] = admin.length
    ? [...main, { type: "group", key: "admin", label: t("nav.admin"), children: admin }]
    : main;
  const selected = allowed.find((e) => location.pathname.startsWith(e.path))?.path;
  // Below "lg" the menu folds into the sider's trigger at the top left: keep the header clear of it.
  const screens = Grid.useBreakpoint();
  const menuFolded = !screens.lg;

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <a href="#main" className="skip-link">
        {t("app.skip")}
      </a>
      <Sider width={240} theme="light" breakpoint="lg" collapsedWidth={0} className="app-sider">
        <div style={{ padding: "16px 20px" }}>
          <Typography.Title level={4} style={{ margin: 0, color: "#0b5cad" }}>
            {t("app.title")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("app.subtitle")}</Typography.Text>
        </div>
        <nav aria-label={t("app.title")}>
          <Menu
            mode="inline"
            items={items}
            selectedKeys={selected ? [selected] : []}
            onClick={({ key }) => void navigate(key)}
            style={{ borderInlineEnd: 0 }}
          />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            background: "#fff",
            borderBottom: "1px solid #e5e7eb",
            display: "flex",
            alignItems: "center",
            justifyContent: "flex-end",
            // On a phone every pixel of the line counts: 12 px at the end, just clear of the trigger.
            paddingInline: screens.md ? 20 : 12,
            // The folded menu's button stands 12 px from the edge (styles.css): 12 + 40 + 12 px.
            paddingInlineStart: menuFolded ? 64 : 20,
            // Should a very long name still not fit, the header grows instead of covering the title.
            height: "auto",
            minHeight: 64,
            lineHeight: "normal",
            paddingBlock: 12,
          }}
        >
          <TopBar live={live} />
        </Header>
        <Content id="main" tabIndex={-1} style={{ padding: 20 }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
