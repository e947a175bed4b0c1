import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  kbProposalCreated,
  mentionableList,
  NoteView,
  noteList,
  StaffFeedbackView,
} from "../../../shared/schemas/feedback.js";
import { api } from "./client.js";

/** Issue 19 on one request: internal notes, the requester's feedback, answer → Q&A draft. */
export const noteKeys = {
  notes: (id: string) => ["notes", id] as const,
  mentionable: (id: string) => ["notes", id, "mentionable"] as const,
  feedback: (id: string) => ["requests", "feedback", id] as const,
};

export function useNotes(requestId: string, enabled = true) {
  return useQuery({
    queryKey: noteKeys.notes(requestId),
    queryFn: ({ signal }) => api<z.infer<typeof noteList>>(`/api/v1/requests/${requestId}/notes`, { signal }),
    enabled,
  });
}

export function useMentionable(requestId: string, enabled = true) {
  return useQuery({
    queryKey: noteKeys.mentionable(requestId),
    queryFn: ({ signal }) =>
      api<z.infer<typeof mentionableList>>(`/api/v1/requests/${requestId}/notes/mentionable`, { signal }),
    enabled,
    staleTime: 60_000,
  });
}

export function useAddNote(requestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      api<NoteView>(`/api/v1/requests/${requestId}/notes`, { method: "POST", body: { body } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: noteKeys.notes(requestId) }),
  });
}

export function useFeedback(requestId: string) {
  return useQuery({
    queryKey: noteKeys.feedback(requestId),
    queryFn: ({ signal }) => api<StaffFeedbackView>(`/api/v1/requests/${requestId}/feedback`, { signal }),
  });
}

export function useProposeKb(requestId: string) {
  return useMutation({
    mutationFn: () =>
      api<z.infer<typeof kbProposalCreated>>(`/api/v1/requests/${requestId}/kb-proposal`, { method: "POST" }),
  });
}
