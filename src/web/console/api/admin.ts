import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client.js";

/** A list of an admin resource (`{ items }`), refreshed after each save. */
export function useAdminList<T>(key: readonly string[], url: string) {
  return useQuery({
    queryKey: ["admin", ...key],
    queryFn: async ({ signal }) => (await api<{ items: T[] }>(url, { signal })).items,
  });
}

/** Create (POST to createUrl) or update (PATCH to updateUrl(id)); both refresh the admin and directory lists. */
export function useAdminSave<T, Id extends string | number>(
  createUrl: string,
  updateUrl: (id: Id) => string,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: Id | null; body: unknown }) =>
      id === null
        ? api<T>(createUrl, { method: "POST", body })
        : api<T>(updateUrl(id), { method: "PATCH", body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["admin"] });
      void client.invalidateQueries({ queryKey: ["directory"] });
    },
  });
}
