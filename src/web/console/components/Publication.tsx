import { Alert, Button, Card, Descriptions, Input, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  applyRedactions,
  normalizeText,
  redactionSegments,
  redactionsOf,
  wordSpans,
} from "../../../shared/redaction.js";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import { formatTime } from "./Badges.js";

/**
 * The texts a publication starts from (Art. 12, 14.7): the requester's question and the latest
 * recorded answer. The server holds the published texts to these, redacted for personal data only.
 */
export function publicationSources(detail: RequestDetail): { question: string; answer: string } {
  return { question: normalizeText(detail.content), answer: normalizeText(detail.answers[0]?.body ?? "") };
}

/** A form rule: the value must be `original` with spans replaced by […] (shared/redaction.ts). */
export function redactionRule(original: string, message: string) {
  return {
    validator: (_: unknown, value: string | undefined) =>
      value && redactionsOf(original, value) ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

const wordStyle = (redacted: boolean) => ({
  border: "none",
  padding: "0 1px",
  margin: 0,
  font: "inherit",
  cursor: "pointer",
  borderRadius: 3,
  background: redacted ? "#ffd8d6" : "transparent",
  textDecoration: redacted ? "line-through" : "none",
  color: "inherit",
});

/**
 * The publish dialog's input for one text (a Form.Item child: value/onChange): the original as
 * words to click — a clicked word is hidden behind […], clicked again it comes back — or, switched
 * to "edit directly", a text area the form validates against the same rule. The result is shown.
 */
export function RedactionEditor({
  original,
  label,
  value,
  onChange,
}: {
  original: string;
  label: string;
  value?: string;
  onChange?: (value: string) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const current = value ?? original;
  const spans = redactionsOf(original, current);
  const words = wordSpans(original);
  const hidden = (w: { start: number; end: number }) =>
    spans?.some((s) => s.start < w.end && w.start < s.end) ?? false;
  const toggle = (index: number) => {
    const picked = words.filter((w, i) => w.word && (i === index ? !hidden(w) : hidden(w)));
    onChange?.(applyRedactions(original, picked));
  };
  return (
    <Space direction="vertical" size={4} style={{ width: "100%" }}>
      <Space>
        <Button size="small" type={editing ? "default" : "primary"} onClick={() => setEditing(false)}>
          {t("publication.click")}
        </Button>
        <Button size="small" type={editing ? "primary" : "default"} onClick={() => setEditing(true)}>
          {t("publication.edit")}
        </Button>
      </Space>
      {editing ? (
        <Input.TextArea
          aria-label={label}
          rows={4}
          value={current}
          onChange={(e) => onChange?.(e.target.value)}
        />
      ) : (
        // biome-ignore lint/a11y/useSemanticElements: a group of word toggles, not a form fieldset
        <div role="group" aria-label={label} style={{ lineHeight: 1.9, whiteSpace: "pre-wrap" }}>
          {words.map((w, i) =>
            w.word ? (
              <button
                key={w.start}
                type="button"
                aria-pressed={hidden(w)}
                style={wordStyle(hidden(w))}
                onClick={() => toggle(i)}
              >
                {w.text}
              </button>
            ) : (
              <span key={w.start}>{w.text}</span>
            ),
          )}
        </div>
      )}
      <Typography.Text type="secondary">
        {t("publication.preview")}: <span data-testid="redaction-preview">{current}</span>
      </Typography.Text>
    </Space>
  );
}

/** A published text drawn as a diff against its original: hidden spans struck and marked. */
export function RedactionDiff({ original, published }: { original: string; published: string }) {
  const { t } = useTranslation();
  const spans = redactionsOf(original, published);
  // Published before the redaction rule (no diff to draw): the text as it is on the portal.
  if (!spans) return <div style={{ whiteSpace: "pre-wrap" }}>{published}</div>;
  let at = 0;
  const parts = redactionSegments(original, spans).map((s) => {
    const start = at;
    at += s.text.length;
    return { ...s, start };
  });
  return (
    <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
      {parts.map((s) =>
        s.redacted ? (
          <del key={s.start} title={t("publication.redacted")} style={{ background: "#ffd8d6" }}>
            {s.text}
          </del>
        ) : (
          <span key={s.start}>{s.text}</span>
        ),
      )}
    </div>
  );
}

/**
 * The request's publication for staff (issue 13): what went out, with the redacted spans marked
 * against the recorded texts, the public id and link, a takedown and its reason.
 */
export function PublicationCard({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  if (!detail.publishedAt && !detail.takedown) return null;
  const sources = publicationSources(detail);
  const onPortal = detail.publishedAt && !detail.takedown && detail.publishConsent;
  return (
    <Card size="small" title={t("publication.diffTitle")}>
      <Space direction="vertical" style={{ width: "100%" }}>
        {detail.takedown && (
          <Alert
            type="warning"
            showIcon
            title={t("publication.takenDown", {
              at: formatTime(detail.takedown.at),
              reason: detail.takedown.reason,
            })}
          />
        )}
        {!detail.publishConsent && <Alert type="info" showIcon title={t("publication.noConsent")} />}
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: "q",
              label: t("action.publicQuestion"),
              children: <RedactionDiff original={sources.question} published={detail.publicQuestion ?? ""} />,
            },
            {
              key: "a",
              label: t("action.publicAnswer"),
              children: <RedactionDiff original={sources.answer} published={detail.publicAnswer ?? ""} />,
            },
            {
              key: "id",
              label: t("publication.publicId"),
              children: onPortal ? (
                <a href={`/hoi-dap/${detail.publicId}`} target="_blank" rel="noreferrer">
                  {detail.publicId} — {t("publication.viewOnPortal")}
                </a>
              ) : (
                (detail.publicId ?? "—")
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
