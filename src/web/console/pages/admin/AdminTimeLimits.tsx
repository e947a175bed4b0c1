import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { timeLimitsBody, type timeLimitView } from "../../../../shared/schemas/reports.js";
import { useSaveTimeLimits, useTimeLimits } from "../../api/reports.js";
import { useAttempt } from "../../components/attempt.js";
import { formatTime } from "../../components/Badges.js";
import { Page } from "../../components/Page.js";
import { Unanswered } from "../../components/States.js";
import { TableForm } from "../../components/TableForm.js";

type Limit = z.infer<typeof timeLimitView>;

// One limit's rule comes from the shared body schema (positive, at most 400 working hours).
const hoursSchema = timeLimitsBody.shape.limits.element.shape.hours;

/**
 * The regulation's time limits as stored configuration (Art. 10.3, 12.2, 13.1): administrators
 * edit them; an obligation keeps the limit in force when it arose; the server audits each change.
 */
export default function AdminTimeLimits() {
  const { t } = useTranslation();
  const attempt = useAttempt();
  const limits = useTimeLimits();
  const save = useSaveTimeLimits();

  if (limits.data === undefined) return <Unanswered query={limits} what={t("timeLimits.title")} />;
  const submit = async (hours: Record<Limit["code"], number>) => {
    const body = timeLimitsBody.parse({
      limits: limits.data.limits.map((l) => ({ code: l.code, hours: hours[l.code] })),
    });
    await attempt(save, body, t("timeLimits.saved"));
  };
  const nameOf = (l: Limit) => t(`timeLimits.codes.${l.code}`, { defaultValue: l.code });

  return (
    <Page title={t("timeLimits.title")}>
      <Alert type="info" showIcon title={t("timeLimits.intro")} />
      <TableForm<Limit, Limit["code"]>
        rows={limits.data.limits}
        numberOf={(l) => l.hours}
        onSave={(hours) => void submit(hours)}
        error={save.error}
        saving={save.isPending}
        saveLabel={t("timeLimits.save")}
        rowKey="code"
        number={{
          title: t("timeLimits.hours"),
          width: 200,
          rowName: nameOf,
          schema: hoursSchema,
          input: { min: 0, step: 0.5, style: { width: 120 } },
        }}
        columns={(hours) => [
          { title: t("timeLimits.code"), dataIndex: "code", render: (_: unknown, l) => nameOf(l) },
          // On a phone the name and the hours only: the article from 576 px, the last change from 768 px.
          { title: t("timeLimits.article"), dataIndex: "article", width: 140, responsive: ["sm"] },
          hours,
          {
            title: t("timeLimits.updatedAt"),
            dataIndex: "updatedAt",
            width: 170,
            responsive: ["md"],
            render: (v: string) => formatTime(v),
          },
        ]}
      />
    </Page>
  );
}
