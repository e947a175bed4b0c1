import { CopyOutlined } from "@ant-design/icons";
import { App, Button, Descriptions, Drawer, Grid, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { KbEntry, LegalSource } from "../../../../shared/schemas/kb.js";
import { useAgencies, useFields, useKbEntry } from "../../api/directory.js";
import { formatTime } from "../../components/Badges.js";
import { Unanswered } from "../../components/States.js";
import { htmlToText } from "./KbEntryDialog.js";

/** A document's date as Vietnamese readers write it (YYYY-MM-DD → DD/MM/YYYY). */
const dayOf = (date: string) => date.split("-").reverse().join("/");

/**
 * One Q&A entry, read-only (the lookup page, R-HA1): the question, the whole answer as plain text
 * (parsed, never injected) with a button that copies it for a chat or an answer, its field, the
 * agency that answers, when it changed and the legal sources it rests on. Open while `id` is set.
 */
export function KbEntryDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const entry = useKbEntry(id);
  const narrow = !Grid.useBreakpoint().md;
  const answer = entry.data ? htmlToText(entry.data.answerHtml) : "";
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(answer);
      void message.success(t("kbLookup.copied"));
    } catch {
      void message.error(t("kbLookup.copyFailed"));
    }
  };
  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size={narrow ? "100%" : 640}
      title={entry.data?.question ?? t("kbLookup.entry")}
      closable={{ "aria-label": t("kbLookup.close") }}
      footer={
        <Button
          type="primary"
          icon={<CopyOutlined />}
          disabled={!entry.isSuccess}
          onClick={() => void copy()}
        >
          {t("kbLookup.copy")}
        </Button>
      }
    >
      {entry.isSuccess ? (
        <EntryBody entry={entry.data} answer={answer} />
      ) : (
        <Unanswered query={entry} what={t("kbLookup.entry")} />
      )}
    </Drawer>
  );
}

function EntryBody({ entry, answer }: { entry: KbEntry; answer: string }) {
  const { t } = useTranslation();
  const fields = useFields();
  const agencies = useAgencies();
  const field = fields.data?.find((f) => f.code === entry.fieldCode)?.name ?? entry.fieldCode;
  const agency = agencies.data?.find((a) => a.id === entry.agencyId)?.name;
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t("kbLookup.answer")}
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: "pre-wrap", fontSize: 15 }}>{answer}</Typography.Paragraph>
      <Descriptions
        size="small"
        bordered
        column={1}
        // The labels are short: the values take the width.
        styles={{ label: { width: 150 } }}
        items={[
          { key: "field", label: t("kbLookup.field"), children: field ?? "—" },
          { key: "agency", label: t("kbLookup.agency"), children: agency ?? "—" },
          { key: "updated", label: t("kbLookup.updatedAt"), children: formatTime(entry.contentUpdatedAt) },
          ...(entry.effectiveUntil
            ? [
                {
                  key: "until",
                  label: t("kbLookup.effectiveUntil"),
                  children: formatTime(entry.effectiveUntil),
                },
              ]
            : []),
        ]}
      />
      {entry.legalSources.length > 0 && (
        <List<LegalSource>
          size="small"
          header={<Typography.Text strong>{t("kbLookup.legal")}</Typography.Text>}
          dataSource={entry.legalSources}
          renderItem={(s) => (
            <List.Item>
              <Typography.Text>
                {s.url ? (
                  <Typography.Link href={s.url} target="_blank" rel="noreferrer">
                    {s.number}
                  </Typography.Link>
                ) : (
                  s.number
                )}
                {s.date && ` (${dayOf(s.date)})`}
                {s.title && ` — ${s.title}`}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
