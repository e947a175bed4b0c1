import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  AnswerAttachment,
  AnswerAttachmentList,
  AttachmentVisibility,
  answerAttachmentsUploaded,
} from "../../../shared/schemas/answer-attachments.js";
import { api } from "./client.js";

/** Issue 19: the files of a request's answer (official letter, photos), public or internal. */
export const answerAttachmentKeys = { list: (id: string) => ["answer-attachments", id] as const };

/** Read again whenever the request changes (`version`): an answer or a publication changes its files. */
export function useAnswerAttachments(requestId: string, version: number) {
  return useQuery({
    queryKey: [...answerAttachmentKeys.list(requestId), version],
    queryFn: ({ signal }) =>
      api<AnswerAttachmentList>(`/api/v1/requests/${requestId}/answer-attachments`, { signal }),
  });
}

/** One file, as the Upload control sends it (multipart: `attachments` + `visibility`). */
export async function uploadAnswerAttachment(
  requestId: string,
  file: Blob & { name?: string },
  visibility: AttachmentVisibility,
): Promise<AnswerAttachment> {
  const form = new FormData();
  form.set("visibility", visibility);
  form.set("attachments", file, file.name ?? "tep-dinh-kem");
  const { items } = await api<z.infer<typeof answerAttachmentsUploaded>>(
    `/api/v1/requests/${requestId}/answer-attachments`,
    { method: "POST", body: form },
  );
  const [stored] = items;
  if (!stored) throw new Error("upload stored nothing");
  return stored;
}

export function useRemoveAnswerAttachment(requestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) =>
      api<void>(`/api/v1/requests/${requestId}/answer-attachments/${attachmentId}`, { method: "DELETE" }),
    onSettled: () => void client.invalidateQueries({ queryKey: answerAttachmentKeys.list(requestId) }),
  });
}

export function useSetAttachmentVisibility(requestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { attachmentId: string; visibility: AttachmentVisibility }) =>
      api<AnswerAttachment>(`/api/v1/requests/${requestId}/answer-attachments/${v.attachmentId}`, {
        method: "PATCH",
        body: { visibility: v.visibility },
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: answerAttachmentKeys.list(requestId) }),
  });
}
