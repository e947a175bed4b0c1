import { Alert, Checkbox, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { FieldError } from "../../../shared/errors.js";
import {
  type ConfirmedHit,
  type PersonalDataKind,
  personalDataKinds,
} from "../../../shared/personal-data.js";
import { ApiError } from "../api/client.js";

/** The findings of a 400 PERSONAL_DATA answer (issue 13), or none. */
export function personalDataFindings(error: unknown): FieldError[] {
  if (!(error instanceof ApiError) || error.code !== "PERSONAL_DATA") return [];
  return (error.details ?? []).filter((d) => d.code === "personal_data");
}

const isKind = (k: string | undefined): k is PersonalDataKind =>
  personalDataKinds.includes(k as PersonalDataKind);
const sameHit = (c: ConfirmedHit, d: FieldError) =>
  c.field === d.field && c.kind === d.kind && c.text === d.text;

interface Props {
  findings: FieldError[];
  /** The texts that were checked, by field, to show each finding in its sentence. */
  texts?: Record<string, string>;
  confirmed: ConfirmedHit[];
  onChange: (confirmed: ConfirmedHit[]) => void;
}

/**
 * Each finding highlighted in its text, with "not personal data — confirm"; the confirmations go
 * back with the next publish and are recorded with who confirmed them. The requester's own details
 * cannot be confirmed: the server refuses them again.
 */
export function PersonalDataFindings({ findings, texts, confirmed, onChange }: Props) {
  const { t } = useTranslation();
  if (findings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      message={t("personalData.title")}
      description={
        <section aria-label={t("personalData.title")}>
          <List
            size="small"
            dataSource={findings}
            renderItem={(d) => {
              const source = texts?.[d.field];
              const inPlace =
                source !== undefined &&
                d.start !== undefined &&
                d.end !== undefined &&
                source.slice(d.start, d.end) === d.text;
              const before = inPlace ? source.slice(Math.max(0, (d.start ?? 0) - 40), d.start) : "";
              const after = inPlace ? source.slice(d.end, (d.end ?? 0) + 40) : "";
              const hit = isKind(d.kind) && d.text ? { field: d.field, kind: d.kind, text: d.text } : null;
              const checked = hit !== null && confirmed.some((c) => sameHit(c, d));
              return (
                <List.Item>
                  <div>
                    <Typography.Text type="secondary">
                      {t(`personalData.field.${d.field}`, { defaultValue: d.field })} ·{" "}
                      {isKind(d.kind) ? t(`personalData.kind.${d.kind}`) : d.kind}
                    </Typography.Text>
                    <div>
                      {before && "…"}
                      {before}
                      <mark>{d.text}</mark>
                      {after}
                      {after && "…"}
                    </div>
                    <Typography.Text type="secondary">{d.message}</Typography.Text>
                    {hit && (
                      <div>
                        <Checkbox
                          checked={checked}
                          onChange={(e) =>
                            onChange(
                              e.target.checked
                                ? [...confirmed, hit]
                                : confirmed.filter((c) => !sameHit(c, d)),
                            )
                          }
                        >
                          {t("personalData.confirm")}
                        </Checkbox>
                      </div>
                    )}
                  </div>
                </List.Item>
              );
            }}
          />
        </section>
      }
    />
  );
}
