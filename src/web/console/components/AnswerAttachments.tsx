import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Checkbox,
  Form,
  List,
  Radio,
  Space,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ATTACHMENT_LIMITS } from "../../../shared/portal.js";
import type { AnswerAttachment, AttachmentVisibility } from "../../../shared/schemas/answer-attachments.js";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import {
  uploadAnswerAttachment,
  useAnswerAttachments,
  useRemoveAnswerAttachment,
  useSetAttachmentVisibility,
} from "../api/answer-attachments.js";
import { SectionCard } from "./Page.js";

/**
 * Issue 19: files of an answer. The answer form uploads them one by one (Upload) and sends their
 * ids with the answer; the publication form asks the publisher to confirm each public one was
 * checked for personal data; the request page lists them.
 */

const download = (requestId: string, a: AnswerAttachment) =>
  `/api/v1/requests/${requestId}/attachments/${a.id}`;
const stored = (f: UploadFile): AnswerAttachment | undefined =>
  f.status === "done" ? (f.response as AnswerAttachment) : undefined;

/** The answer form's control (record_answer, answer_from_kb): its value is the uploaded files' ids. */
export function AnswerFilesItem({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item name="attachmentIds" label={t("answerFiles.label")} extra={t("answerFiles.hint")}>
      <AnswerFilesInput requestId={requestId} />
    </Form.Item>
  );
}

function AnswerFilesInput({
  requestId,
  onChange,
}: {
  requestId: string;
  onChange?: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [visibility, setVisibility] = useState<AttachmentVisibility>("public");
  const [files, setFiles] = useState<UploadFile[]>([]);
  const remove = useRemoveAnswerAttachment(requestId);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Radio.Group
        aria-label={t("answerFiles.visibility")}
        value={visibility}
        onChange={(e) => setVisibility(e.target.value)}
        options={(["public", "internal"] as const).map((v) => ({ value: v, label: t(`answerFiles.${v}`) }))}
      />
      <Upload
        multiple
        accept={ATTACHMENT_LIMITS.accept}
        maxCount={ATTACHMENT_LIMITS.maxFiles}
        fileList={files}
        customRequest={({ file, onSuccess, onError }) => {
          uploadAnswerAttachment(requestId, file as File, visibility)
            .then((a) => onSuccess?.(a))
            .catch((error: Error) => {
              void message.error(error.message);
              onError?.(error);
            });
        }}
        onChange={({ fileList }) => {
          const named = fileList.map((f) => {
            const a = stored(f);
            return a ? { ...f, name: `${a.filename} — ${t(`answerFiles.${a.visibility}`)}` } : f;
          });
          setFiles(named);
          onChange?.(named.flatMap((f) => stored(f)?.id ?? []));
        }}
        onRemove={(f) => {
          const id = stored(f)?.id;
          if (id) remove.mutate(id);
          return true;
        }}
      >
        <Button icon={<UploadOutlined />}>{t("answerFiles.choose")}</Button>
      </Upload>
    </Space>
  );
}

/** The publication form: every public file of the answer, each to be confirmed as checked. */
export function PublishFileChecks({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  const list = useAnswerAttachments(detail.id, detail.version);
  const visibility = useSetAttachmentVisibility(detail.id);
  const answerId = detail.answers.at(-1)?.id;
  const shown = (list.data?.items ?? []).filter((a) => a.answerId === answerId && a.visibility === "public");
  if (shown.length === 0) return null;
  const all = shown.map((a) => a.id);
  return (
    <Form.Item
      name="attachmentsChecked"
      label={t("answerFiles.checkTitle")}
      extra={t("answerFiles.checkHint")}
      rules={[
        {
          validator: (_: unknown, v: unknown) =>
            Array.isArray(v) && all.every((id) => v.includes(id))
              ? Promise.resolve()
              : Promise.reject(new Error(t("answerFiles.checkAll"))),
        },
      ]}
    >
      <Checkbox.Group style={{ display: "flex", flexDirection: "column", gap: 8 }}>
        {shown.map((a) => (
          <Space key={a.id} wrap>
            <Checkbox value={a.id}>{a.filename}</Checkbox>
            <a
              href={download(detail.id, a)}
              download={a.filename}
              aria-label={t("answerFiles.download", { name: a.filename })}
            >
              <PaperClipOutlined />
            </a>
            <Button
              size="small"
              loading={visibility.isPending}
              onClick={() => visibility.mutate({ attachmentId: a.id, visibility: "internal" })}
            >
              {t("answerFiles.makeInternal")}
            </Button>
          </Space>
        ))}
      </Checkbox.Group>
    </Form.Item>
  );
}

/** The request page: the answer's files, their visibility and whether they are on the portal. */
export function AnswerAttachmentsCard({ detail }: { detail: RequestDetail }) {
  const { t } = useTranslation();
  const list = useAnswerAttachments(detail.id, detail.version);
  const visibility = useSetAttachmentVisibility(detail.id);
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  const deciding = detail.allowedActions.includes("publish");
  return (
    <SectionCard title={t("answerFiles.title")}>
      <List
        size="small"
        dataSource={items}
        renderItem={(a) => (
          <List.Item
            actions={
              deciding && a.answerId !== null
                ? [
                    <Button
                      key="visibility"
                      size="small"
                      onClick={() =>
                        visibility.mutate({
                          attachmentId: a.id,
                          visibility: a.visibility === "public" ? "internal" : "public",
                        })
                      }
                    >
                      {t(a.visibility === "public" ? "answerFiles.makeInternal" : "answerFiles.makePublic")}
                    </Button>,
                  ]
                : []
            }
          >
            <Space wrap>
              <a
                href={download(detail.id, a)}
                download={a.filename}
                aria-label={t("answerFiles.download", { name: a.filename })}
              >
                <PaperClipOutlined /> {a.filename}
              </a>
              <Tag color={a.visibility === "public" ? "blue" : "default"}>
                {t(`answerFiles.${a.visibility}`)}
              </Tag>
              {a.answerId === null && <Tag color="orange">{t("answerFiles.pending")}</Tag>}
              {a.publicUrl && (
                <a href={a.publicUrl} target="_blank" rel="noreferrer">
                  <Tag color="green">{t("answerFiles.published")}</Tag>
                </a>
              )}
              {a.uploadedBy && (
                <Typography.Text type="secondary">
                  {t("answerFiles.uploadedBy", { name: a.uploadedBy })}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </SectionCard>
  );
}
