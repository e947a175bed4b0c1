import { ClockCircleOutlined, FireOutlined, MessageOutlined } from "@ant-design/icons";
import { Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RequestStatus } from "../../../shared/request-status.js";
import type { RequestSummary } from "../../../shared/schemas/requests.js";
import { workingTimeWords } from "./working-time-words.js";

const statusColour: Record<RequestStatus, string> = {
  received: "blue",
  with_coordinator: "purple",
  forwarded: "geekblue",
  phone_answered: "cyan",
  verifying: "gold",
  answered: "green",
  refused: "default",
  published: "success",
  closed: "default",
  merged: "default",
};

export function StatusTag({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusColour[status]}>{t(`status.${status}`)}</Tag>;
}

export function UrgentTag() {
  const { t } = useTranslation();
  return (
    <Tag color="red" icon={<FireOutlined />}>
      {t("request.urgent")}
    </Tag>
  );
}

/** The agency asked the requester and waits for the reply (Art. 14.6); the legal clock still runs. */
export function AwaitingRequesterTag({ since }: { since: string | null }) {
  const { t } = useTranslation();
  if (!since) return null;
  return (
    <Tag color="magenta" icon={<MessageOutlined />} title={formatTime(since)}>
      {t("request.awaitingRequester")}
    </Tag>
  );
}

/**
 * The time left on a slip in working hours, as the server computed it (R-HA6): the console never
 * does calendar arithmetic. Orange when due soon, red when late. A duty other than the answer is
 * named first («Công khai · Quá hạn»), so an agency that answered on time is not told "late"
 * without saying that its publication is what is late.
 */
export function Countdown({
  summary,
  none = <Typography.Text type="secondary">—</Typography.Text>,
}: {
  // A slip's row has no dueKind: its deadline is its answer's.
  summary: Pick<RequestSummary, "workingHoursLeft" | "dueState" | "dueAt"> &
    Partial<Pick<RequestSummary, "dueKind">>;
  /** What stands in for a request with no running deadline (a dash in a column of its own). */
  none?: ReactNode;
}) {
  const { t } = useTranslation();
  if (summary.workingHoursLeft === null || summary.dueState === null || summary.dueState === "closed") {
    return none;
  }
  const late = summary.workingHoursLeft < 0 || summary.dueState === "late";
  const colour = late ? "red" : summary.dueState === "due_soon" ? "orange" : "green";
  return (
    <Tag
      color={colour}
      icon={<ClockCircleOutlined />}
      title={summary.dueAt ? formatTime(summary.dueAt) : undefined}
    >
      {summary.dueKind && summary.dueKind !== "answer"
        ? `${t(`request.dueKinds.${summary.dueKind}`)} · `
        : ""}
      {workingTimeWords(t, summary.workingHoursLeft, late)}
    </Tag>
  );
}

// Times are Vietnam time (the regulation's, R-HA6) whatever the browser's zone.
const vnTime = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});
export const formatTime = (iso: string): string => {
  const parts = Object.fromEntries(vnTime.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
};

/**
 * Who asked and by which channel, as a list of requests says it (the wide columns and the lines
 * under the content on a phone): the requester's name, else the phone, null when neither was
 * given; and the channel's word.
 */
export const requesterOf = (
  r: Pick<RequestSummary, "requesterName" | "requesterPhone" | "channel">,
  t: TFunction,
): { who: string | null; channel: string } => ({
  who: r.requesterName ?? r.requesterPhone ?? null,
  channel: t(`channel.${r.channel}`),
});

export const rowClass = (r: Pick<RequestSummary, "dueState" | "urgency">): string =>
  [
    r.dueState === "late" ? "row-late" : r.dueState === "due_soon" ? "row-due-soon" : "",
    r.urgency === "urgent" ? "row-urgent" : "",
  ].join(" ");
