import type { AppContext } from "../../context.js";
import {
  findChannelToken,
  saveChannelToken,
  seedChannelToken,
} from "../../db/repositories/channel.repository.js";
import { asRecord, callProvider, idString } from "../provider-json.js";
import type { ZaloSettings } from "../settings.js";

/** Refresh a little before expiry so a send never races the deadline. */
const EARLY_REFRESH_MS = 5 * 60_000;

export class ZaloTokenError extends Error {
  override name = "ZaloTokenError";
}

/** The access token to use now: the stored, rotated one; the configured one seeds the store once. */
export async function currentZaloToken(ctx: AppContext, settings: ZaloSettings): Promise<string | null> {
  if (settings.accessToken)
    await seedChannelToken(ctx.db, "zalo", settings.accessToken, settings.refreshToken);
  const row = await findChannelToken(ctx.db, "zalo");
  if (!row) return null;
  if (row.expires_at && row.expires_at.getTime() - EARLY_REFRESH_MS <= ctx.clock.now().getTime()) {
    return refreshZaloToken(ctx, settings, row.access_token);
  }
  return row.access_token;
}

/**
 * Exchanges the refresh token for a new pair (OAuth v4). Zalo's refresh token is single-use, so
 * the exchange runs under a row lock and the new pair is stored in the same transaction; a worker
 * that finds the token already rotated by another simply uses the new one.
 */
export async function refreshZaloToken(
  ctx: AppContext,
  settings: ZaloSettings,
  staleToken: string,
): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    const row = await findChannelToken(tx, "zalo", true);
    if (row && row.access_token !== staleToken) return row.access_token;
    const refreshToken = row?.refresh_token ?? settings.refreshToken;
    if (!refreshToken || !settings.appId || !settings.appSecret) {
      throw new ZaloTokenError(
        "Không thể làm mới access token Zalo: thiếu refresh token, app id hoặc app secret.",
      );
    }
    const form = new URLSearchParams({
      refresh_token: refreshToken,
      app_id: settings.appId,
      grant_type: "refresh_token",
    });
    const answer = await callProvider(`${settings.oauthUrl}/v4/oa/access_token`, {
      method: "POST",
      headers: { secret_key: settings.appSecret, "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    const json = asRecord(answer.json);
    const accessToken = idString(json.access_token);
    if (answer.status !== 200 || !accessToken) {
      // The provider's error text only; the tokens themselves never reach an error or a log.
      throw new ZaloTokenError(
        `Zalo OAuth ${answer.status}: ${String(json.error_name ?? json.error ?? "no access_token")}`,
      );
    }
    const expiresIn = Number(idString(json.expires_in) ?? Number.NaN);
    await saveChannelToken(tx, "zalo", {
      accessToken,
      refreshToken: idString(json.refresh_token) ?? refreshToken,
      expiresAt: Number.isFinite(expiresIn) ? new Date(ctx.clock.now().getTime() + expiresIn * 1000) : null,
    });
    return accessToken;
  });
}
