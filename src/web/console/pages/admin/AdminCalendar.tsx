import type { FormInstance } from "antd";
import { Alert, App, Button, Collapse, Form, Input, InputNumber, Table, Typography } from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  type OfficialSchedule,
  officialScheduleSchema,
  type WeekSchedule,
  weekdays,
  weekScheduleSchema,
} from "../../../../shared/calendar.js";
import { useAdminCalendar, useSaveCalendar } from "../../api/admin.js";
import { Page, SectionCard } from "../../components/Page.js";
import { Unanswered } from "../../components/States.js";
import { zodRule } from "../../components/zodRule.js";

type Weekday = keyof WeekSchedule;

const periodsText = (ps: WeekSchedule[Weekday]) => ps.map((p) => `${p.start}-${p.end}`).join(", ");
const parsePeriods = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [start = "", end = ""] = s.split("-").map((x) => x.trim());
      return { start, end };
    });

type DayOffKind = OfficialSchedule["daysOff"][number]["kind"];
const dayOffKinds: DayOffKind[] = ["holiday", "compensatory", "swap"];

// One line per day: "2026-02-16; nghỉ lễ; Tết Nguyên đán" (days off, the kind in the reader's
// language) or "2026-01-03; Làm bù" (worked).
const daysOffText = (s: OfficialSchedule, kindWord: (k: DayOffKind) => string) =>
  s.daysOff.map((d) => `${d.date}; ${kindWord(d.kind)}; ${d.name}`).join("\n");
const workedText = (s: OfficialSchedule) => s.workedDays.map((d) => `${d.date}; ${d.name}`).join("\n");
/** The lines of a text area that hold something, each with its number as the administrator sees it. */
const lines = (text: string) =>
  text
    .split("\n")
    .map((l, i) => ({ line: i + 1, parts: l.split(";").map((x) => x.trim()) }))
    .filter(({ parts }) => parts[0]);

/**
 * The shared schema's complaints, each under the field (and «Dòng N» of the text area) it is about,
 * before anything is sent: the server's answer was one «Dữ liệu không hợp lệ.» at the top of the
 * page, which line of which year's list left for the administrator to guess.
 */
function showIssues(
  form: FormInstance,
  issues: z.core.$ZodIssue[],
  t: TFunction,
  place: (path: PropertyKey[]) => { name: string; line?: number },
): void {
  const errors = new Map<string, string[]>();
  const told = new Set<string>(); // the first complaint of a line is enough («not a date», not also «not this year»)
  for (const issue of issues) {
    const { name, line } = place(issue.path);
    const message = issue.path.at(-1) === "kind" ? t("admin.kindIssue") : issue.message;
    const key = line === undefined ? `${name} ${message}` : `${name} ${line}`;
    if (told.has(key)) continue;
    told.add(key);
    errors.set(name, [
      ...(errors.get(name) ?? []),
      line === undefined ? message : t("admin.lineIssue", { line, message }),
    ]);
  }
  form.setFields([...errors].map(([name, list]) => ({ name, errors: list })));
}

/**
 * The working-time calendar (R-HA6): the weekly schedule with its lunch break and each year's
 * official schedule of days off and worked days. The server validates and recomputes deadlines.
 */
export default function AdminCalendar() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const calendar = useAdminCalendar();
  const saveCalendar = useSaveCalendar();
  const save = (year: number | null, body: unknown, saved?: () => void) =>
    saveCalendar.mutate(
      { year, body },
      {
        onSuccess: () => {
          void message.success(t("admin.saved"));
          saved?.();
        },
      },
    );
  const [weekForm] = Form.useForm();
  const kindWord = (k: DayOffKind) => t(`admin.dayKinds.${k}`);
  // A kind typed as the shown word or as its code (text written before the words were translated).
  const kindOf = (word: string) =>
    dayOffKinds.find((k) => k === word || kindWord(k).toLowerCase() === word.toLowerCase()) ?? word;

  if (calendar.data === undefined) return <Unanswered query={calendar} what={t("admin.calendarTitle")} />;
  const { config, missingOfficialYears } = calendar.data;

  const saveWeek = (values: Record<Weekday, string>) => {
    const week = Object.fromEntries(weekdays.map((d) => [d, parsePeriods(values[d] ?? "")])) as WeekSchedule;
    const checked = weekScheduleSchema.safeParse(week);
    if (!checked.success)
      return showIssues(weekForm, checked.error.issues, t, ([day]) => ({
        name: typeof day === "string" ? day : "monday",
      }));
    const { officialSchedules: _years, ...rules } = config;
    save(null, { ...rules, week });
  };
  const saveYear = (
    year: number,
    values: { source?: string; daysOff?: string; workedDays?: string },
    form?: FormInstance,
    saved?: () => void,
  ) => {
    const daysOff = lines(values.daysOff ?? "");
    const workedDays = lines(values.workedDays ?? "");
    const body: OfficialSchedule = {
      year,
      source: values.source || undefined,
      daysOff: daysOff.map(({ parts: [date = "", kind = "holiday", ...name] }) => ({
        date,
        kind: kindOf(kind) as DayOffKind,
        name: name.join("; ") || kind,
      })),
      workedDays: workedDays.map(({ parts: [date = "", ...name] }) => ({
        date,
        name: name.join("; ") || "Làm bù",
      })),
    };
    const checked = officialScheduleSchema.safeParse(body);
    if (!checked.success && form)
      return showIssues(form, checked.error.issues, t, ([list, index]) =>
        list === "daysOff" || list === "workedDays"
          ? { name: list, line: (list === "daysOff" ? daysOff : workedDays)[Number(index)]?.line }
          : { name: "source" },
      );
    save(year, body, saved);
  };
  const saveButton = (
    <Button type="primary" htmlType="submit" loading={saveCalendar.isPending}>
      {t("admin.save")}
    </Button>
  );
  const years = [...config.officialSchedules].sort((a, b) => b.year - a.year);
  const blank = (year: number): OfficialSchedule => ({ year, daysOff: [], workedDays: [] });

  return (
    <Page title={t("admin.calendarTitle")}>
      {missingOfficialYears.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t("admin.missingYears", { years: missingOfficialYears.join(", ") })}
        />
      )}
      {saveCalendar.error && <Alert type="error" showIcon title={saveCalendar.error.message} role="alert" />}
      <SectionCard title={t("admin.weekly")}>
        <Form
          form={weekForm}
          layout="horizontal"
          labelCol={{ span: 4 }}
          initialValues={Object.fromEntries(weekdays.map((d) => [d, periodsText(config.week[d])]))}
          onFinish={saveWeek}
        >
          {weekdays.map((d) => (
            <Form.Item
              key={d}
              name={d}
              label={t(`admin.weekdays.${d}`)}
              extra={d === "monday" ? t("admin.periodsHint") : undefined}
            >
              {/* Empty means a day off (the hint): hours greyed in an empty field read as worked ones. */}
              <Input placeholder={t("admin.restDay")} />
            </Form.Item>
          ))}
          {saveButton}
        </Form>
      </SectionCard>
      <SectionCard
        title={t("admin.yearly")}
        extra={
          <AddYear
            listed={years.map((y) => y.year)}
            onAdd={(year, added) => saveYear(year, {}, undefined, added)}
          />
        }
      >
        <Typography.Paragraph type="secondary">{t("admin.yearHint")}</Typography.Paragraph>
        <Collapse
          items={(years.length ? years : [blank(new Date().getFullYear())]).map((s) => ({
            key: s.year,
            label: t("admin.yearSummary", {
              year: s.year,
              daysOff: s.daysOff.length,
              worked: s.workedDays.length,
            }),
            children: (
              <YearForm
                initialValues={{
                  source: s.source,
                  daysOff: daysOffText(s, kindWord),
                  workedDays: workedText(s),
                }}
                onSave={(v, form) => saveYear(s.year, v, form)}
              >
                {saveButton}
              </YearForm>
            ),
          }))}
        />
      </SectionCard>
      <SectionCard title={t("admin.holidays")}>
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={config.holidays}
          columns={[
            { title: t("admin.name"), dataIndex: "name" },
            {
              title: t("admin.date"),
              key: "date",
              render: (_: unknown, h: (typeof config.holidays)[number]) =>
                `${h.day}/${h.month} ${h.calendar === "lunar" ? t("admin.lunar") : ""}`,
            },
            { title: t("admin.days"), dataIndex: "days", width: 100 },
          ]}
        />
      </SectionCard>
    </Page>
  );
}

/**
 * «Thêm» a year's official schedule. A year outside the shared schema's bounds, or one already
 * listed, is told under the field: the button used to grey out with no word of why.
 */
function AddYear({ listed, onAdd }: { listed: number[]; onAdd: (year: number, added: () => void) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ year: number | null }>();
  const name = t("admin.year");
  const notListed = {
    validator: async (_rule: unknown, year: unknown) => {
      if (typeof year === "number" && listed.includes(year)) throw new Error(t("admin.yearListed", { year }));
    },
  };
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={({ year }) => year !== null && onAdd(year, () => form.resetFields())}
    >
      <Form.Item
        name="year"
        label={name}
        rules={[
          zodRule(officialScheduleSchema.shape.year, t("admin.required", { field: name.toLowerCase() })),
          notListed,
        ]}
        style={{ marginInlineEnd: 8 }}
      >
        <InputNumber precision={0} />
      </Form.Item>
      <Button htmlType="submit">{t("admin.add")}</Button>
    </Form>
  );
}

type YearValues = { source?: string; daysOff?: string; workedDays?: string };

/** One year's official schedule: its notice, days off and worked days, one a line. */
function YearForm({
  initialValues,
  onSave,
  children,
}: {
  initialValues: YearValues;
  onSave: (values: YearValues, form: FormInstance) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<YearValues>();
  return (
    <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => onSave(v, form)}>
      <Form.Item name="source" label={t("admin.source")}>
        <Input />
      </Form.Item>
      <Form.Item name="daysOff" label={t("admin.daysOff")}>
        <Input.TextArea rows={6} />
      </Form.Item>
      <Form.Item name="workedDays" label={t("admin.workedDays")}>
        <Input.TextArea rows={3} />
      </Form.Item>
      {children}
    </Form>
  );
}
