import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Action } from "../../../shared/permissions.js";
import type { MeResponse } from "../../../shared/schemas/auth.js";
import { ApiError, api, setCsrfToken } from "./client.js";

export const meKey = ["me"] as const;

/** The signed-in staff member and their abilities, from the server (null when signed out). */
export async function fetchMe(): Promise<MeResponse | null> {
  try {
    const me = await api<MeResponse>("/api/v1/auth/me");
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** Whether the server granted the caller this ability (the console never copies permission rules). */
export function useCan(): (action: Action) => boolean {
  const { data } = useMe();
  const abilities = new Set<string>(data?.abilities ?? []);
  return (action) => abilities.has(action);
}

export async function login(username: string, password: string): Promise<MeResponse> {
  const me = await api<MeResponse>("/api/v1/auth/login", { method: "POST", body: { username, password } });
  setCsrfToken(me.csrfToken);
  return me;
}

export function useLogout(): () => Promise<void> {
  const client = useQueryClient();
  return async () => {
    await api<void>("/api/v1/auth/logout", { method: "POST" }).catch(() => undefined);
    setCsrfToken("");
    client.clear();
    client.setQueryData(meKey, null);
  };
}
