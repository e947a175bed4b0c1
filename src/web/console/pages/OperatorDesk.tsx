import { PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Col, Form, Grid, Row, Space, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { DuplicateSuggestion } from "../../../shared/schemas/duplicates.js";
import { type CallView, callKeys, displayNumber, useCallQueue, usePickUp } from "../api/calls.js";
import { fetchKbAnswer, type KbHit } from "../api/directory.js";
import {
  useCreateRequest,
  useMerge,
  useRequest,
  useRequesterLookup,
  useRequestList,
} from "../api/requests.js";
import { useCan, useMe } from "../api/session.js";
import { ActionPanel, type DialogRequest } from "../components/ActionPanel.js";
import { useAttempt } from "../components/attempt.js";
import { Page, SectionCard } from "../components/Page.js";
import { RadioSegmented } from "../components/RadioSegmented.js";
import { RequestTable } from "../components/RequestTable.js";
import { RequestView } from "../components/RequestView.js";
import { ErrorState, StaleNotice, Unanswered } from "../components/States.js";
import { CallbackQueue, LiveCalls } from "./desk/CallPanels.js";
import { DuplicatePanel } from "./desk/DuplicatePanel.js";
import { emptyIntake, IntakeForm, type IntakeValues, intakeDraft, toCreateBody } from "./desk/IntakeForm.js";
import { MassEventPanel } from "./desk/MassEventPanel.js";
import { KbSuggestions, RequesterHistory } from "./desk/SidePanels.js";

/**
 * The operator desk (R-IN1–5, R-HA1–3): take a request from any channel, see the caller's history
 * and Q&A suggestions while typing, then one action: answer, forward, send to the coordinator or
 * refuse. The open queue across channels sits below, urgent and newest first.
 */
const stages = ["intake", "publish", "following"] as const;
type Stage = (typeof stages)[number];
/** Urgent first in every list; then the intake queue in order of arrival, the others by deadline. */
const stageOrder = { intake: "oldest", publish: "due", following: "due" } as const;

export default function OperatorDesk() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const attempt = useAttempt();
  const [params, setParams] = useSearchParams();
  const currentId = params.get("r") ?? undefined;
  const [form] = Form.useForm<IntakeValues>();
  const phone: string = Form.useWatch("phone", form) ?? "";
  const content: string = Form.useWatch("content", form) ?? "";
  const field: string = Form.useWatch("field", form) ?? "";
  const lookup = useRequesterLookup(phone.trim());
  const create = useCreateRequest();
  const current = useRequest(currentId);
  // The hotline's worklists (issue 18): what is left to handle, its own answers to publish, and
  // what is with an agency; the tab is kept in the URL, each with its count.
  const stage: Stage = stages.find((s) => s === params.get("tab")) ?? "intake";
  const counts = {
    intake: useRequestList({ stage: "intake", pageSize: 1 }),
    publish: useRequestList({ stage: "publish", pageSize: 1 }),
    following: useRequestList({ stage: "following", pageSize: 1 }),
  };
  const queue = useRequestList({ stage, sort: stageOrder[stage], pageSize: 100 });
  const [dialog, setDialog] = useState<DialogRequest | null>(null);
  // A Q&A answer chosen before the request was saved: open its dialog once saved.
  const afterSave = useRef<DialogRequest | null>(null);
  // A duplicate chosen before the request was saved: merge into it once saved (issue 19).
  const mergeAfterSave = useRef<DuplicateSuggestion | null>(null);
  const merge = useMerge();
  // The call the intake form belongs to (issue 12): saved requests carry it.
  const [linkedCall, setLinkedCall] = useState<CallView | null>(null);
  const canCall = useCan()("call.handle");
  const me = useMe().data;
  const liveCalls = useCallQueue("live", canCall);
  const pickUp = usePickUp();
  const client = useQueryClient();
  // Narrow screens stack the columns: the ringing or current call goes above the intake form, where
  // the operator sees it ring (6 Dec 2026: it sat below the whole form, off-screen at 390 px).
  const wide = Grid.useBreakpoint().xl === true;

  const setParam = (name: string, value: string | undefined) =>
    setParams((old) => {
      const next = new URLSearchParams(old);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });
  const open = (id: string | undefined) => setParam("r", id);
  const startNew = () => {
    open(undefined);
    create.reset();
    intakeDraft.clear();
    form.resetFields();
    form.setFieldsValue(emptyIntake);
    setLinkedCall(null);
  };

  // The caller on screen: a fresh intake form with the caller's number, linked to the call.
  const takeCall = (call: CallView, claim: boolean) => {
    startNew();
    form.setFieldsValue({ ...emptyIntake, channel: "phone", phone: displayNumber(call.from) ?? undefined });
    setLinkedCall(call);
    if (claim && call.agent !== me?.user.username)
      pickUp.mutate(call.callId, { onError: (e) => void message.error(e.message) });
  };

  // The switchboard named this operator as the one who answered: the caller pops up by itself,
  // unless the operator is already busy with a request or another call.
  const answered = liveCalls.data?.items.find(
    (c) => c.status === "answered" && c.agent === me?.user.username && !c.requestCode,
  );
  const autoTaken = useRef(new Set<string>());
  useEffect(() => {
    if (!answered || currentId || linkedCall || autoTaken.current.has(answered.callId)) return;
    if (form.getFieldValue("content")) return;
    autoTaken.current.add(answered.callId);
    takeCall(answered, false);
  });

  const save = async (values: IntakeValues) => {
    const body = toCreateBody(values);
    const call = linkedCall ? { ...body, call: { callId: linkedCall.callId } } : body;
    const created = await attempt(create, call);
    const pending = afterSave.current;
    afterSave.current = null;
    const into = mergeAfterSave.current;
    mergeAfterSave.current = null;
    if (!created) return;
    intakeDraft.clear();
    // The call now has its request: refreshed before the form lets go of it, so «Nhận cuộc gọi» is
    // not offered again for it in between.
    if (linkedCall) await client.invalidateQueries({ queryKey: callKeys.all });
    setLinkedCall(null);
    void message.success(t("desk.saved", { code: created.code }));
    open(created.id);
    if (into) await mergeInto(created, into);
    else if (pending) setDialog(pending);
  };

  const mergeInto = async (request: { id: string; version: number }, into: DuplicateSuggestion) => {
    const done = await merge
      .mutateAsync({ id: request.id, version: request.version, intoId: into.id })
      .catch((e: unknown) => {
        void message.error(e instanceof Error ? e.message : String(e));
        return null;
      });
    if (done) void message.success(t("desk.merged", { code: into.code }));
  };

  const pickDuplicate = (into: DuplicateSuggestion) => {
    if (currentId && current.data) void mergeInto(current.data, into);
    else {
      mergeAfterSave.current = into;
      form.submit();
    }
  };

  const pickAnswer = async (hit: KbHit) => {
    const answer = await fetchKbAnswer(hit.id).catch((e: unknown) => {
      void message.error(e instanceof Error ? e.message : String(e));
      return null;
    });
    if (answer === null) return;
    const request: DialogRequest = { action: "answer_from_kb", initial: { answer, kbEntryId: hit.id } };
    if (currentId) setDialog(request);
    else {
      afterSave.current = request;
      form.submit();
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && event.key.toLowerCase() === "n") {
        event.preventDefault();
        startNew();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const detail = current.data;
  const liveCallsPanel = (
    <LiveCalls
      linkedId={linkedCall?.callId ?? null}
      me={me?.user.username}
      onTake={(c) => takeCall(c, true)}
    />
  );
  const suggestionText = currentId ? (detail?.content ?? "") : content;
  const historyPhone = currentId ? (detail?.requester.phone ?? "") : phone;

  return (
    <Page
      title={t("nav.desk")}
      extra={
        <Space wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("desk.shortcuts")}: {t("desk.shortcutList")}
          </Typography.Text>
          <Button icon={<PlusOutlined />} onClick={startNew} aria-keyshortcuts="Alt+N">
            {t("desk.newRequest")} <span className="kbd">(Alt+N)</span>
          </Button>
        </Space>
      }
    >
      <Row gutter={[16, 16]}>
        {canCall && !wide && (liveCalls.isError || Boolean(liveCalls.data?.items.length)) && (
          <Col span={24}>{liveCallsPanel}</Col>
        )}
        <Col xs={24} xl={14}>
          {currentId ? (
            <SectionCard title={t("desk.current")}>
              {current.data === undefined ? (
                <Unanswered query={current} />
              ) : (
                <Space direction="vertical" size="middle" style={{ width: "100%" }}>
                  <StaleNotice query={current} />
                  <MassEventPanel
                    requestId={current.data.id}
                    answerable={current.data.allowedActions.includes("answer_from_kb")}
                    onAnswer={setDialog}
                  />
                  <RequestView detail={current.data} history={false} />
                  <ActionPanel
                    detail={current.data}
                    shortcuts
                    request={dialog}
                    onRequestHandled={() => setDialog(null)}
                  />
                </Space>
              )}
            </SectionCard>
          ) : (
            <Space direction="vertical" size="middle" style={{ width: "100%" }}>
              {linkedCall && (
                <Alert
                  type="info"
                  showIcon
                  title={t("phone.linked", { callId: linkedCall.callId })}
                  action={
                    <Button size="small" onClick={() => setLinkedCall(null)}>
                      {t("phone.unlink")}
                    </Button>
                  }
                />
              )}
              <IntakeForm
                form={form}
                saving={create.isPending}
                error={create.error?.message ?? null}
                known={lookup.data?.requester ?? null}
                onSubmit={(v) => void save(v)}
                draftOf={me?.user.username ?? ""}
              />
            </Space>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size="middle" style={{ width: "100%" }}>
            {canCall && wide && liveCallsPanel}
            {canCall && <CallbackQueue />}
            <KbSuggestions
              text={suggestionText}
              onUse={
                !currentId || detail?.allowedActions.includes("answer_from_kb")
                  ? (hit) => void pickAnswer(hit)
                  : undefined
              }
            />
            <DuplicatePanel
              source={currentId ? { id: currentId } : { text: content, field }}
              merging={merge.isPending}
              onMerge={!currentId || detail?.allowedActions.includes("merge") ? pickDuplicate : undefined}
            />
            <RequesterHistory phone={historyPhone} current={currentId} />
          </Space>
        </Col>
      </Row>
      <RadioSegmented<Stage>
        aria-label={t("worklist.queueLabel")}
        value={stage}
        onChange={(next) => setParam("tab", next === "intake" ? undefined : next)}
        options={stages.map((s) => ({
          value: s,
          label: `${t(`worklist.${s}`)} (${counts[s].data?.total ?? "…"})`,
        }))}
      />
      {queue.isError ? (
        <ErrorState error={queue.error} what={t("desk.queue")} onRetry={() => void queue.refetch()} />
      ) : (
        <RequestTable
          caption={`${t(`worklist.${stage}`)} (${queue.data?.total ?? "…"})`}
          items={queue.data?.items ?? []}
          loading={queue.isPending}
          selectedId={currentId}
          empty={t(`worklist.empty${stage[0]?.toUpperCase()}${stage.slice(1)}`)}
          linkTo={(r) => (r.status === "received" ? `/desk?r=${r.id}` : `/requests/${r.id}`)}
        />
      )}
    </Page>
  );
}
