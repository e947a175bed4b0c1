import {
  type QueryClient,
  type QueryKey,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api } from "./client.js";

/**
 * A GET read under its key. Not retried by default: a 4xx will not get better, and the page shows
 * the error with its own retry button. `enabled` holds the read until the page needs it.
 */
export function useGet<T>(queryKey: QueryKey, path: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey,
    queryFn: ({ signal }) => api<T>(path, { signal }),
    retry: false,
    ...options,
  });
}

/** A GET of a list answered as `{ items }`, the items only (retried by the console's default rule). */
export function useItems<T>(queryKey: QueryKey, path: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey,
    queryFn: async ({ signal }) => (await api<{ items: T[] }>(path, { signal })).items,
    ...options,
  });
}

/** A write; `after` updates the cache with the answer (set it, or read the changed lists again). */
export function useSend<V, T>(
  send: (variables: V) => Promise<T>,
  after: (data: T, client: QueryClient, variables: V) => void,
) {
  const client = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: (data, variables) => after(data, client, variables) });
}

/** An `after` that reads the lists under these keys again. */
export const refresh =
  (...keys: QueryKey[]) =>
  (_data: unknown, client: QueryClient) => {
    for (const queryKey of keys) void client.invalidateQueries({ queryKey });
  };

/** An `after` that stores the answer under this key (the server answered with the new state). */
export const store = (queryKey: QueryKey) => (data: unknown, client: QueryClient) =>
  client.setQueryData(queryKey, data);
