import { Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { KbEntry, kbEntryInput, LegalSource } from "../../../../shared/schemas/kb.js";
import { FieldItem, TextAreaItem } from "../../components/FormItems.js";
import { FormModal } from "../../components/FormModal.js";

export type KbInput = z.input<typeof kbEntryInput>;

interface Values {
  question: string;
  answer: string;
  fieldCode?: string | null;
  keywords?: string;
  legal?: string;
}

/** Plain text of stored answer HTML (parsed, never injected), paragraphs as blank lines. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const br of doc.querySelectorAll("br")) br.replaceWith("\n");
  for (const block of doc.querySelectorAll("p, li, div")) block.append("\n\n");
  return (doc.body.textContent ?? "").replace(/\n{3,}/g, "\n\n").trim();
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Typed text as answer HTML: a paragraph per blank-line block, line breaks kept (sanitised again on the server). */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

const toValues = (e: KbEntry): Values => ({
  question: e.question,
  answer: htmlToText(e.answerHtml),
  fieldCode: e.fieldCode,
  keywords: e.keywords.join(", "),
  legal: e.legalSources.map((s) => s.number).join("\n"),
});

/** Values as the server's entry input; legal sources already known keep their date, title and link. */
function toInput(v: Values, editing: KbEntry | null): KbInput {
  const known = new Map<string, LegalSource>((editing?.legalSources ?? []).map((s) => [s.number, s]));
  const numbers = (v.legal ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    question: v.question,
    answerHtml: textToHtml(v.answer),
    fieldCode: v.fieldCode ?? null,
    agencyId: editing?.agencyId ?? null,
    keywords: (v.keywords ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean),
    legalSources: numbers.map((n) => known.get(n) ?? { number: n, date: null, title: null, url: null }),
    effectiveFrom: editing?.effectiveFrom ?? null,
    effectiveUntil: editing?.effectiveUntil ?? null,
  };
}

/**
 * Writing or changing one Q&A entry (Art. 14.4): question, answer, field, keywords, legal sources.
 * Mounted only while open, so each opening starts a fresh form from the entry's current values.
 */
export function KbEntryDialog({
  editing,
  saving,
  error,
  onCancel,
  onSave,
}: {
  editing: KbEntry | null;
  saving: boolean;
  error: string | null;
  onCancel: () => void;
  onSave: (input: KbInput) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  return (
    <FormModal
      // Named as AdminCrud names its dialogs (thirty-seventh session: both read only «Sửa»).
      naming={{ noun: t("admin.nouns.question"), name: editing?.question }}
      form={form}
      pending={saving}
      error={error}
      onCancel={onCancel}
      width={720}
    >
      {editing?.status === "published" && (
        <Typography.Paragraph type="secondary">{t("kbMine.editHint")}</Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        name="kb-entry"
        layout="vertical"
        preserve={false}
        initialValues={editing ? toValues(editing) : undefined}
        onFinish={(v) => onSave(toInput(v, editing))}
      >
        <TextAreaItem
          name="question"
          label={t("kbMine.question")}
          rules={[{ required: true, min: 5, message: t("kbMine.question") }]}
          rows={2}
        />
        <TextAreaItem
          name="answer"
          label={t("kbMine.answer")}
          rules={[{ required: true, message: t("kbMine.answer") }]}
          rows={6}
        />
        <FieldItem name="fieldCode" label={t("kbMine.field")} />
        <Form.Item name="keywords" label={t("kbMine.keywords")}>
          <Input autoComplete="off" />
        </Form.Item>
        <TextAreaItem name="legal" label={t("kbMine.legal")} rows={2} />
      </Form>
    </FormModal>
  );
}
