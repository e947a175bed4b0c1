import { Checkbox, DatePicker, Form, Input, Switch } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import {
  type CreateMassEventBody,
  createMassEventBody,
  emergencyNumbers,
  type MassEventView,
} from "../../../../shared/schemas/mass-events.js";
import { formatVnIso } from "../../../../shared/time.js";
import { useSaveMassEvent } from "../../api/mass-events.js";
import { vnWallClock } from "../../components/ActionForm.js";
import { useAttempt } from "../../components/attempt.js";
import { FieldSelect } from "../../components/DirectorySelects.js";
import { TextAreaItem } from "../../components/FormItems.js";
import { FormModal } from "../../components/FormModal.js";
import { schemaItem } from "../../components/zodRule.js";

interface Values {
  title: string;
  keywords?: string;
  answer: string;
  fields: string[];
  window: [Dayjs, Dayjs];
  banner: boolean;
  emergencyNumbers: string[];
}

/** An instant as the Vietnamese wall clock the pickers show (the server speaks +07:00). */
const wallClock = (iso: string) => dayjs(formatVnIso(new Date(iso)).slice(0, 16));

function initialOf(e: MassEventView | null): Partial<Values> {
  if (!e) {
    const start = wallClock(new Date().toISOString()).startOf("hour");
    return { window: [start, start.add(7, "day")], banner: true, emergencyNumbers: [], fields: [] };
  }
  return {
    title: e.title,
    keywords: e.keywords,
    answer: e.answer,
    fields: e.fields,
    window: [wallClock(e.startsAt), wallClock(e.endsAt)],
    banner: e.banner,
    emergencyNumbers: e.emergencyNumbers,
  };
}

/**
 * Declares or edits a mass event (issue 19): title, keywords, the fields it concerns, the prepared
 * answer, when it runs, and the portal banner with the emergency numbers. The shared schema checks
 * each input; the server checks the window and the fields and audits the change.
 */
export function MassEventDialog({
  editing,
  onClose,
}: {
  editing: MassEventView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSaveMassEvent();
  const attempt = useAttempt();
  const item = (name: keyof CreateMassEventBody) => schemaItem(createMassEventBody, name);

  const submit = async (v: Values) => {
    const body = createMassEventBody.parse({
      title: v.title,
      keywords: v.keywords ?? "",
      answer: v.answer,
      fields: v.fields,
      startsAt: vnWallClock(v.window[0]),
      endsAt: vnWallClock(v.window[1]),
      banner: v.banner,
      emergencyNumbers: v.emergencyNumbers,
    });
    if (await attempt(save, { id: editing?.id, version: editing?.version, body })) onClose();
  };

  return (
    <FormModal
      title={editing ? t("massEvents.editTitle") : t("massEvents.newTitle")}
      form={form}
      mutation={save}
      onCancel={onClose}
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialOf(editing)}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item {...item("title")} label={t("massEvents.title")}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item {...item("fields")} label={t("massEvents.fields")}>
          <FieldSelect mode="multiple" />
        </Form.Item>
        <TextAreaItem
          {...item("keywords")}
          label={t("massEvents.keywords")}
          extra={t("massEvents.keywordsHelp")}
          rows={2}
        />
        <TextAreaItem
          {...item("answer")}
          label={t("massEvents.answer")}
          extra={t("massEvents.answerHelp")}
          rows={5}
        />
        <Form.Item
          name="window"
          label={t("massEvents.window")}
          rules={[{ required: true, message: t("massEvents.windowRequired") }]}
        >
          <DatePicker.RangePicker
            showTime={{ format: "HH:mm" }}
            format="DD/MM/YYYY HH:mm"
            placeholder={[t("massEvents.starts"), t("massEvents.ends")]}
            style={{ width: "100%" }}
          />
        </Form.Item>
        <Form.Item name="banner" label={t("massEvents.banner")} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="emergencyNumbers" label={t("massEvents.emergencyNumbers")}>
          <Checkbox.Group
            options={emergencyNumbers.map((n) => ({ value: n, label: t(`massEvents.emergency.${n}`) }))}
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
