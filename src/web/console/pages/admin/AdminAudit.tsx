import { Space, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { requestActions } from "../../../../shared/request-status.js";
import type { AuditEntryView } from "../../../../shared/schemas/admin.js";
import { useAgencies, useFields } from "../../api/directory.js";
import { useMassEvents, useMassEventsByIds } from "../../api/mass-events.js";
import { useItems } from "../../api/query.js";
import { useCan } from "../../api/session.js";
import { formatTime } from "../../components/Badges.js";
import { LogPage } from "../../components/LogPage.js";

const entities = [
  "request",
  "user",
  "agency",
  "field",
  "refusal_reason",
  "calendar",
  "kb_entry",
  "channel",
  "data_request",
  "retention",
  "api_key",
  "webhook_subscription",
  "mass_event",
  "call",
  "obligation",
  "time_limit",
] as const;

/** Who changed what and when (R-SE2, R-KB2), read from the one event log, newest first. */
export default function AdminAudit() {
  const { t } = useTranslation();
  return (
    <LogPage<AuditEntryView>
      title={t("audit.title")}
      path="/api/v1/admin/audit"
      filter={{
        name: "audit-filter",
        choice: {
          name: "entity",
          label: t("audit.entity"),
          placeholder: t("audit.all"),
          width: 200,
          options: entities.map((e) => ({ value: e, label: t(`audit.entities.${e}`) })),
          searchable: true,
        },
        id: { name: "entityId", label: t("audit.entityId"), width: 300 },
        submit: t("audit.filter"),
      }}
      scrollX={1000}
      useColumns={useAuditColumns}
    />
  );
}

/** The audit's columns, naming what the page's entries mention (useNames). */
function useAuditColumns(entries: readonly AuditEntryView[]): ColumnsType<AuditEntryView> {
  const { t } = useTranslation();
  const names = useNames(entries);
  return [
    {
      title: t("audit.actor"),
      dataIndex: "actorLabel",
      width: 170,
      render: (v: string | null) => v ?? t("audit.system"),
    },
    {
      title: t("audit.entity"),
      key: "entity",
      width: 220,
      render: (_: unknown, e) => <EntityCell entry={e} names={names} />,
    },
    {
      title: t("audit.kind"),
      dataIndex: "kind",
      width: 190,
      render: (v: string) => <KindLabel kind={v} />,
    },
    {
      title: t("audit.details"),
      key: "data",
      render: (_: unknown, e) => <Changes data={e.data} names={names} entity={e.entity} />,
    },
  ];
}

const actionNames = new Set<string>(requestActions);

/**
 * An event's kind in words (issue 18): a request action by its button's name, a status by its
 * label, the rest from the catalogue; the raw code only for a kind nobody has named yet.
 */
function KindLabel({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const last = kind.split(".").at(-1) ?? kind;
  const text = actionNames.has(kind)
    ? t(`action.${kind}`)
    : t(`worklist.auditKinds.${kind}`, {
        defaultValue: t(`eventKinds.${last}`, { defaultValue: t(`status.${last}`, { defaultValue: "" }) }),
      });
  return text ? <span title={kind}>{text}</span> : <Typography.Text code>{kind}</Typography.Text>;
}

/**
 * A name for one value of an entry, or none. Ids (agencies, users, mass events) are named wherever
 * they stand; a field's or agency's code only under the keys the services write codes under, so a
 * note or a title that happens to read "y-te" is shown as written.
 */
export type Namer = (key: string, value: string) => string | undefined;

/**
 * The keys the services write field or agency codes under: a mass event's `fields`, a corrected
 * request's `field`, a call's transfer `agencyCode`, an imported request's `agency`. A catalogue's
 * own `code` («Mã») stays a code.
 */
const codeKeys = new Set(["fields", "field", "agencyCode", "agency"]);

export const namer =
  (ids: ReadonlyMap<string, string>, codes: ReadonlyMap<string, string>): Namer =>
  (key, value) =>
    ids.get(value) ?? (codeKeys.has(key) ? codes.get(value) : undefined);

/** The mass events an entry mentions: the event it is about, the event an answer came from. */
const massEventsOf = (e: AuditEntryView): string[] => [
  ...(e.entity === "mass_event" ? [e.entityId] : []),
  ...(typeof e.data.massEventId === "string" ? [e.data.massEventId] : []),
];

/**
 * Names for the ids and codes the page's entries carry: agencies (by id and code) and fields (by code) from
 * the directory; users from the user list — read only by whoever may manage users (the coordinator
 * reads the audit too, and asked for the list in vain: a 403 on every visit); mass events by their
 * titles, read only by whoever may read requests (not the administrator). Whoever may not sees the
 * id cut short, as any other id. The list holds the newest 200 mass events; the older ones the page
 * mentions are read together, by their ids, in one call (thirty-seventh session: one GET each).
 */
function useNames(entries: readonly AuditEntryView[]): Namer {
  const agencies = useAgencies();
  const fields = useFields();
  const can = useCan();
  const users = useItems<{ id: string; fullName: string }>(
    ["admin", "users"],
    "/api/v1/admin/users?includeInactive=true",
    { enabled: can("user.manage") },
  );
  const massEvents = useMassEvents({ enabled: can("request.read") });
  const ids = new Map<string, string>();
  const codes = new Map<string, string>();
  for (const a of agencies.data ?? []) {
    ids.set(a.id, a.name);
    codes.set(a.code, a.name);
  }
  for (const f of fields.data ?? []) codes.set(f.code, f.name);
  for (const u of users.data ?? []) ids.set(u.id, u.fullName);
  for (const e of massEvents.data?.items ?? []) ids.set(e.id, e.title);
  const older = massEvents.isSuccess
    ? [...new Set(entries.flatMap(massEventsOf))].filter((id) => !ids.has(id))
    : [];
  const olderRead = useMassEventsByIds(older);
  for (const e of olderRead.data?.items ?? []) ids.set(e.id, e.title);
  return namer(ids, codes);
}

function EntityCell({ entry, names }: { entry: AuditEntryView; names: Namer }) {
  const { t } = useTranslation();
  const label = t(`audit.entities.${entry.entity}`, entry.entity);
  const id =
    names("entityId", entry.entityId) ??
    (entry.entityId.length > 13 ? `${entry.entityId.slice(0, 8)}…` : entry.entityId);
  return (
    <Space direction="vertical" size={0}>
      <span>{label}</span>
      {entry.entity === "request" ? (
        // The request by its code, as everywhere else (thirty-seventh session: a cut uuid).
        <Link to={`/requests/${entry.entityId}`} title={entry.entityId}>
          {entry.requestCode ?? id}
        </Link>
      ) : (
        <Typography.Text type="secondary" title={entry.entityId}>
          {id}
        </Typography.Text>
      )}
    </Space>
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** An id nobody has named: cut short, as the entity column cuts ids. */
const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
/** An instant as written by the server (ISO 8601 with a time), shown as the console shows times. */
const isInstant = (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v));

/**
 * The value under `key` in one short line: ids and codes as names, text as is, an object as "key
 * value, …" (not JSON, which readers took for an error), the rest as JSON, cut at 80 characters.
 */
function short(
  key: string,
  v: unknown,
  names?: Namer,
  keyLabel: (key: string) => string = (k) => k,
  yesNo: (b: boolean) => string = String,
): string {
  if (v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) return "—";
  const text =
    typeof v === "string"
      ? (names?.(key, v) ?? (isInstant(v) ? formatTime(v) : isUuid(v) ? `${v.slice(0, 8)}…` : v))
      : typeof v === "boolean"
        ? yesNo(v)
        : isRecord(v)
          ? Object.entries(v)
              .map(([k, x]) => `${keyLabel(k)} ${short(k, x, names, keyLabel, yesNo)}`)
              .join(", ")
          : Array.isArray(v) && v.every((x) => typeof x === "string")
            ? v.map((x) => short(key, x, names, keyLabel, yesNo)).join(", ")
            : JSON.stringify(v);
  // An object's attributes (a retention run's nine counts) get two lines' worth before the cut.
  const cut = isRecord(v) ? 200 : 80;
  return text.length > cut ? `${text.slice(0, cut - 1)}…` : text;
}

/**
 * The change compactly: with `before`/`after`, only the attributes that differ ("key: old → new");
 * otherwise the event's own data, one attribute a line.
 */
export function changeLines(
  data: Record<string, unknown>,
  names?: Namer,
  keyLabel: (key: string) => string = (k) => k,
  yesNo: (b: boolean) => string = String,
): string[] {
  const { before, after, ...rest } = data;
  const s = (k: string, v: unknown) => short(k, v, names, keyLabel, yesNo);
  const others = Object.entries(rest).map(([k, v]) => `${keyLabel(k)}: ${s(k, v)}`);
  if (!isRecord(after) || !(before === undefined || before === null || isRecord(before))) {
    return Object.entries(data).map(([k, v]) => `${keyLabel(k)}: ${s(k, v)}`);
  }
  const old = isRecord(before) ? before : null;
  const changed = Object.keys({ ...old, ...after })
    .filter((k) => JSON.stringify(old?.[k]) !== JSON.stringify(after[k]))
    .map((k) =>
      old ? `${keyLabel(k)}: ${s(k, old[k])} → ${s(k, after[k])}` : `${keyLabel(k)}: ${s(k, after[k])}`,
    );
  return [...changed, ...others];
}

/**
 * The entry's data without the lines another says better: an agency's id beside its name; an answer
 * given with a mass event's prepared text has no Q&A entry (thirty-fifth session: «Câu hỏi: —»
 * beside the event's name).
 */
export function withoutRepeats(data: Record<string, unknown>): Record<string, unknown> {
  const said = (k: string) =>
    (k === "agencyId" && "agencyName" in data) ||
    (k === "kbEntryId" && data.kbEntryId == null && typeof data.massEventId === "string");
  return Object.fromEntries(Object.entries(data).filter(([k]) => !said(k)));
}

function Changes({ data, names, entity }: { data: Record<string, unknown>; names: Namer; entity: string }) {
  const { t } = useTranslation();
  const named = withoutRepeats(data);
  // Codes in words ("Lãnh đạo cơ quan", not agency_leader; «Điện thoại 1022», not phone; what was
  // missing at intake), at the top level and in before/after.
  const word = (catalogue: string, code: unknown) =>
    typeof code === "string" ? t(`${catalogue}.${code}`, { defaultValue: code }) : code;
  const roleWords = (r: Record<string, unknown>) => ({
    ...r,
    ...("role" in r && { role: word("role", r.role) }),
    ...("channel" in r && { channel: word("channel", r.channel) }),
    ...(Array.isArray(r.completeness) && {
      completeness: r.completeness.map((c: unknown) => word("completeness", c)),
    }),
  });
  const shown = Object.fromEntries(
    Object.entries(roleWords(named)).map(([k, v]) =>
      (k === "before" || k === "after") && v !== null && typeof v === "object" && !Array.isArray(v)
        ? [k, roleWords(v as Record<string, unknown>)]
        : [k, v],
    ),
  );
  // Retention entries are keyed by record type ("outbox: 30 → 60", a run's counts): named too.
  const keyLabel = (k: string) =>
    t(`worklist.auditKeys.${k}`, {
      defaultValue: entity === "retention" ? t(`retention.records.${k}`, { defaultValue: k }) : k,
    });
  const lines = changeLines(shown, names, keyLabel, (b) => t(b ? "worklist.yes" : "worklist.no"));
  if (lines.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div style={{ fontSize: 12, lineHeight: 1.5, overflowWrap: "anywhere" }}>
      {lines.slice(0, 8).map((line) => (
        <div key={line}>{line}</div>
      ))}
      {lines.length > 8 && <div>…</div>}
    </div>
  );
}
