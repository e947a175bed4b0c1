import { Alert, Card, Descriptions, Grid, List, Space, Tag, Timeline, Typography } from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requestActions } from "../../../shared/request-status.js";
import {
  contactCorrectionData,
  contactFields,
  type RequestDetail,
} from "../../../shared/schemas/requests.js";
import { AnswerAttachmentsCard } from "./AnswerAttachments.js";
import { AwaitingRequesterTag, Countdown, formatTime, StatusTag, UrgentTag } from "./Badges.js";
import { Conversation } from "./Conversation.js";
import { Contributions, SlipRoleTag } from "./Cooperation.js";
import { LongText } from "./LongText.js";
import { PlainTable, SectionCard } from "./Page.js";
import { PublicationCard } from "./Publication.js";
import { RequestCalls } from "./RequestCalls.js";
import { Attachments, OutboundMessages } from "./RequestDelivery.js";
import { RequesterContact } from "./RequesterContact.js";

type Slip = RequestDetail["slips"][number];

/**
 * Everything staff need to know about one request: who, what, where it is, and its full history. A
 * page that puts the summary first (above its actions) passes `summary={false}`; one whose heading
 * already names the request passes `code={false}` (the code said once, thirty-fifth session).
 */
export function RequestView({
  detail,
  history = true,
  summary = true,
  code = true,
}: {
  detail: RequestDetail;
  history?: boolean;
  summary?: boolean;
  code?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      {summary && <RequestSummary detail={detail} code={code} />}
      <Attachments detail={detail} />
      <AnswerAttachmentsCard detail={detail} />
      <RequestCalls requestId={detail.id} />
      {detail.completeness.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t("desk.hints")}
          description={detail.completeness.map((c) => t(`completeness.${c}`)).join(" · ")}
        />
      )}
      {detail.refusal && (
        <Alert
          type="info"
          title={`${t("status.refused")}: ${detail.refusal.reason}`}
          description={detail.refusal.note}
        />
      )}
      {detail.slips.length > 0 && <Slips slips={detail.slips} />}
      <Contributions detail={detail} />
      <Conversation detail={detail} />
      {detail.progress.length > 0 && (
        <Notes
          title={t("request.progress")}
          items={detail.progress}
          note={(p) => <Typography.Text>{p.note}</Typography.Text>}
          meta={(p) =>
            `${t("request.appointment")}: ${formatTime(p.appointmentAt)} · ${p.authorName ?? ""} · ${formatTime(p.createdAt)}`
          }
        />
      )}
      {detail.answers.length > 0 && (
        <Notes
          title={t("request.answers")}
          items={detail.answers}
          note={(a) => <Pre text={a.body} />}
          meta={(a) =>
            [
              a.agencyName,
              a.authorName,
              a.givenByPhone ? t("request.byPhone") : null,
              formatTime(a.createdAt),
            ]
              .filter(Boolean)
              .join(" · ")
          }
        />
      )}
      <PublicationCard detail={detail} />
      {history && <OutboundMessages detail={detail} />}
      {history && (
        <Card size="small" title={t("request.history")}>
          <Timeline
            items={detail.events.map((e) => ({
              key: e.id,
              children: (
                <Space direction="vertical" size={0}>
                  <Typography.Text>
                    {eventTitle(e, t)}
                    {e.publicNote ? ` — ${e.publicNote}` : ""}
                  </Typography.Text>
                  <EventDetail event={e} />
                  <Typography.Text type="secondary">
                    {formatTime(e.at)}
                    {e.actor ? ` · ${e.actor}` : ""}
                  </Typography.Text>
                </Space>
              ),
            }))}
          />
        </Card>
      )}
    </Space>
  );
}

/** Who asked, what, when, through which channel, which agency holds it and its deadline. */
export function RequestSummary({ detail, code = true }: { detail: RequestDetail; code?: boolean }) {
  const { t } = useTranslation();
  // On a phone a label column beside the values wrapped «Tiếp nhận lúc» onto three lines
  // (thirty-eighth session): each label stands above its value there.
  const narrow = Grid.useBreakpoint().md === false;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      layout={narrow ? "vertical" : "horizontal"}
      title={
        <Space wrap>
          {code && <span>{detail.code}</span>}
          <StatusTag status={detail.status} />
          {detail.urgency === "urgent" && <UrgentTag />}
          <AwaitingRequesterTag since={detail.awaitingRequesterSince} />
        </Space>
      }
      items={[
        { key: "received", label: t("request.receivedAt"), children: formatTime(detail.receivedAt) },
        { key: "channel", label: t("request.channel"), children: t(`channel.${detail.channel}`) },
        {
          key: "requester",
          label: t("request.requester"),
          span: "filled",
          children: <RequesterContact detail={detail} />,
        },
        { key: "agency", label: t("request.agency"), children: detail.agencyName ?? "—" },
        { key: "due", label: t("request.deadline"), children: <Countdown summary={detail} /> },
        {
          key: "content",
          label: t("request.content"),
          span: "filled",
          children: <LongText key={`${detail.id}:${detail.content.length}`} text={detail.content} />,
        },
      ]}
    />
  );
}

const actionNames = new Set<string>(requestActions);

/** What staff need to read of an event beyond its title: a contact correction's before → after, a revocation's reason. */
function EventDetail({ event }: { event: RequestDetail["events"][number] }) {
  const { t } = useTranslation();
  if (event.kind === "contact_corrected") {
    const parsed = contactCorrectionData.safeParse(event.data);
    if (!parsed.success) return null;
    const { before, after } = parsed.data;
    return (
      <>
        {contactFields
          .filter((f) => f in after)
          .map((f) => (
            <Typography.Text key={f} type="secondary">
              {t(`contactFields.${f}`)}: {before[f] || "—"} → {after[f] || "—"}
            </Typography.Text>
          ))}
      </>
    );
  }
  if (event.kind === "follow_link_revoked" && typeof event.data.reason === "string") {
    return (
      <Typography.Text type="secondary">
        {t("action.reason")}: {event.data.reason}
      </Typography.Text>
    );
  }
  return null;
}

/** An event's headline: the action taken, else the status reached, else its kind. */
function eventTitle(e: RequestDetail["events"][number], t: TFunction): string {
  const kind = e.kind.split(".").at(-1) ?? e.kind;
  if (actionNames.has(kind)) return t(`action.${kind}`);
  if (e.toStatus && e.toStatus !== e.fromStatus) return t(`status.${e.toStatus}`, e.toStatus);
  return t(`eventKinds.${kind}`, { defaultValue: e.kind });
}

/** A card listing notes, each with a secondary line of who and when. */
function Notes<T>({
  title,
  items,
  note,
  meta,
}: {
  title: string;
  items: T[];
  note: (item: T) => ReactNode;
  meta: (item: T) => string;
}) {
  return (
    <Card size="small" title={title}>
      <List
        size="small"
        dataSource={items}
        renderItem={(item) => (
          <List.Item>
            <Space direction="vertical" size={0} style={{ width: "100%" }}>
              {note(item)}
              <Typography.Text type="secondary">{meta(item)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Pre({ text }: { text: string }) {
  return <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{text}</div>;
}

function Slips({ slips }: { slips: Slip[] }) {
  const { t } = useTranslation();
  // A card headed like the panels around it (a table's own title sat 4 px left of theirs, not a
  // heading); on a phone each slip's times and notes stand under its agency.
  return (
    <SectionCard title={t("request.slips")}>
      <PlainTable<Slip>
        rowKey="id"
        dataSource={slips}
        stacked={{ scrollX: 900 }}
        columns={[
          {
            title: t("request.agency"),
            dataIndex: "agencyName",
            render: (name: string, s) => (
              <Space wrap size={4}>
                {name}
                <SlipRoleTag role={s.role} />
              </Space>
            ),
          },
          { title: t("request.receivedAt"), dataIndex: "sentAt", render: (v: string) => formatTime(v) },
          {
            title: t("request.transfer"),
            dataIndex: "transferAttempt",
            render: (v: Slip["transferAttempt"]) => t(`action.${v}`),
          },
          {
            title: t("request.status"),
            dataIndex: "status",
            render: (v: Slip["status"], s) => (
              <Space direction="vertical" size={0}>
                <Tag>{t(`slipStatus.${v}`)}</Tag>
                {s.returnReason && <Typography.Text type="secondary">{s.returnReason}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t("request.appointment"),
            dataIndex: "appointmentAt",
            render: (v: string | null) => (v ? formatTime(v) : "—"),
          },
          { title: t("request.deadline"), key: "due", render: (_: unknown, s) => <Countdown summary={s} /> },
          // What the agency is told with the slip (issue 18): the operator's and the coordinator's notes.
          {
            title: t("worklist.notes"),
            key: "notes",
            render: (_: unknown, s) =>
              s.notes.length === 0 ? (
                "—"
              ) : (
                <Space direction="vertical" size={2}>
                  {s.notes.map((n) => (
                    <div
                      key={`${n.kind}-${n.at}`}
                      style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
                    >
                      <Typography.Text strong>{t(`worklist.noteKinds.${n.kind}`)}</Typography.Text>
                      {n.author ? ` (${n.author})` : ""}: {n.text}
                    </div>
                  ))}
                </Space>
              ),
          },
        ]}
      />
    </SectionCard>
  );
}
