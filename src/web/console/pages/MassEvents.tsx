import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Popconfirm, Space, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type MassEventView, massEventEnd } from "../../../shared/schemas/mass-events.js";
import { useEndMassEvent, useMassEvents } from "../api/mass-events.js";
import { formatTime } from "../components/Badges.js";
import { ListTable, Page } from "../components/Page.js";
import { MassEventDialog } from "./mass-events/MassEventDialog.js";

type State = "active" | "upcoming" | "over";
const stateOf = (e: MassEventView): State =>
  e.active ? "active" : e.cancelledAt || Date.parse(e.endsAt) <= Date.now() ? "over" : "upcoming";
const stateColor: Record<State, string> = { active: "red", upcoming: "blue", over: "default" };

/**
 * The coordinator's mass events (issue 19): declare one when many people ask the same thing, edit
 * it while it runs, end it early; each row counts the requests linked and answered with its text.
 */
export default function MassEvents() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useMassEvents();
  const end = useEndMassEvent();
  const [dialog, setDialog] = useState<{ editing: MassEventView | null } | null>(null);

  const finish = async (e: MassEventView) => {
    const done = await end.mutateAsync(e).catch((error: Error) => {
      void message.error(error.message);
      return null;
    });
    if (done) void message.success(t("massEvents.ended"));
  };

  const columns: ColumnsType<MassEventView> = [
    { title: t("massEvents.title"), dataIndex: "title", width: 280 },
    {
      title: t("massEvents.window"),
      key: "window",
      width: 170,
      render: (_: unknown, e) => (
        <span>
          {formatTime(e.startsAt)} –
          <br />
          {formatTime(massEventEnd(e))}
        </span>
      ),
    },
    {
      title: t("massEvents.state"),
      key: "state",
      width: 130,
      render: (_: unknown, e) => (
        <Tag color={stateColor[stateOf(e)]}>{t(`massEvents.states.${stateOf(e)}`)}</Tag>
      ),
    },
    { title: t("massEvents.linked"), dataIndex: "linked", align: "right", width: 110 },
    { title: t("massEvents.answered"), dataIndex: "answered", align: "right", width: 150 },
    {
      title: t("massEvents.actions"),
      key: "actions",
      width: 170,
      render: (_: unknown, e) =>
        stateOf(e) === "over" ? null : (
          <Space wrap>
            <Button
              size="small"
              onClick={() => setDialog({ editing: e })}
              aria-label={`${t("massEvents.edit")}: ${e.title}`}
            >
              {t("massEvents.edit")}
            </Button>
            <Popconfirm
              title={t("massEvents.endConfirm", { title: e.title })}
              okText={t("massEvents.end")}
              cancelText={t("action.cancel")}
              onConfirm={() => finish(e)}
            >
              <Button size="small" danger aria-label={`${t("massEvents.end")}: ${e.title}`}>
                {t("massEvents.end")}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Page
      title={t("nav.massEvents")}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ editing: null })}>
          {t("massEvents.declare")}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t("massEvents.intro")} />
      <ListTable<MassEventView>
        query={list}
        rows={list.data?.items}
        what={t("massEvents.list")}
        empty={t("massEvents.empty")}
        titled
        columns={columns}
        stacked={{ trailing: 1, scrollX: 1010 }}
      />
      {dialog && <MassEventDialog editing={dialog.editing} onClose={() => setDialog(null)} />}
    </Page>
  );
}
