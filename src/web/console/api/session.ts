import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Action } from "../../../shared/permissions.js";
import type {
  FirstRunStatus,
  LoginResponse,
  MeResponse,
  SecondFactorResponse,
} from "../../../shared/schemas/auth.js";
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

/** The password step: signed in, or the second factor that comes next (its challenge). */
export async function login(
  username: string,
  password: string,
): Promise<MeResponse | SecondFactorResponse["secondFactor"]> {
  const answer = await api<LoginResponse>("/api/v1/auth/login", {
    method: "POST",
    body: { username, password },
  });
  if ("secondFactor" in answer) return answer.secondFactor;
  setCsrfToken(answer.csrfToken);
  return answer;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

/** The second step: a TOTP code or a recovery code for the password step's challenge. */
export async function loginWithCode(challenge: string, code: string): Promise<MeResponse> {
  const me = await api<MeResponse>("/api/v1/auth/login/totp", { method: "POST", body: { challenge, code } });
  setCsrfToken(me.csrfToken);
  return me;
}

export const loginEnrolment = (challenge: string) =>
  api<TotpEnrolment>("/api/v1/auth/login/enrol", { method: "POST", body: { challenge } });

export async function loginConfirmEnrolment(
  challenge: string,
  code: string,
): Promise<MeResponse & { recoveryCodes: string[] }> {
  const me = await api<MeResponse & { recoveryCodes: string[] }>("/api/v1/auth/login/enrol/confirm", {
    method: "POST",
    body: { challenge, code },
  });
  setCsrfToken(me.csrfToken);
  return me;
}

export function useLogout(): () => Promise<void> {
  const client = useQueryClient();
  return async () => {
    await api<void>("/api/v1/auth/logout", { method: "POST" }).catch(() => undefined);
    setCsrfToken("");
    // Nothing typed in a signed-out session stays in the tab (drafts.ts: the intake, dialogs).
    sessionStorage.clear();
    client.clear();
    client.setQueryData(meKey, null);
  };
}

/** First run (issue 18.7): whether no administrator exists yet, for the sign-in page's notice. */
export function useFirstRun() {
  return useQuery({
    queryKey: ["first-run"],
    queryFn: () => api<FirstRunStatus>("/api/v1/auth/login/first-run"),
    retry: false,
    staleTime: 30_000,
  });
}
