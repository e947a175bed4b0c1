import { sql } from "drizzle-orm";
import type { TestApp } from "../../../test/harness.js";
import { execRaw } from "../../db/client.js";
import { facebookSignature } from "../facebook/facebook.adapter.js";
import { zaloSignature } from "../zalo/zalo.adapter.js";
import { type ChannelTestApp, useChannelTestApp } from "./kit.js";
import { useFakeGraph, useFakeZalo } from "./provider-servers.js";

/** The Zalo OA and Facebook page the chat tests talk to (fake providers, see provider-servers.ts). */
const APP_ID = "2553928453557884079";
const OA_SECRET = "oa-secret-key-for-tests";
const OA_ID = "3662729599332560487";
const FB_SECRET = "fb-app-secret-for-tests";
const PAGE_ID = "104213379077880";

/** The server's configuration for both channels, given the fake providers' addresses. */
export function chatChannelConfig(zaloUrl: string, graphUrl: string) {
  return {
    ZALO_APP_ID: APP_ID,
    ZALO_OA_SECRET_KEY: OA_SECRET,
    ZALO_APP_SECRET: "app-secret",
    ZALO_ACCESS_TOKEN: "at-0",
    ZALO_REFRESH_TOKEN: "rt-0",
    ZALO_API_URL: zaloUrl,
    ZALO_OAUTH_URL: zaloUrl,
    FACEBOOK_APP_SECRET: FB_SECRET,
    FACEBOOK_VERIFY_TOKEN: "verify-me",
    FACEBOOK_PAGE_TOKEN: "page-token-1",
    FACEBOOK_GRAPH_URL: graphUrl,
  };
}

/** The fake Zalo server's credentials matching chatChannelConfig. */
export const fakeZaloCredentials = {
  appId: APP_ID,
  appSecret: "app-secret",
  accessToken: "at-0",
  refreshToken: "rt-0",
};
export const fakeGraphCredentials = { pageToken: "page-token-1" };

/**
 * For a chat test file: fake Zalo and Graph servers, the app configured for both, `chat` to post
 * text messages to its webhooks, and `requestOf(content)`, the request a message opened.
 */
export function useChatApp() {
  const zalo = useFakeZalo(fakeZaloCredentials);
  const graph = useFakeGraph(fakeGraphCredentials);
  const t = useChannelTestApp(() => chatChannelConfig(zalo.url, graph.url));
  const requestOf = async (content: string) =>
    (
      await execRaw<{ id: string; code: string; kb_suggestions: number }>(
        t.ctx.db,
        sql`select id, code, kb_suggestions from requests where content = ${content}`,
      )
    )[0];
  return { t, zalo, graph, chat: chatWebhooks(t), requestOf };
}

/** Text messages posted to the real webhooks, signed as each provider signs them. */
export function chatWebhooks(t: Pick<ChannelTestApp, "app" | "clock">) {
  let seq = 0;
  return {
    zalo(userId: string, text: string) {
      const ts = String(t.clock.now().getTime());
      const raw = `{"app_id":"${APP_ID}","user_id_by_app":"1","event_name":"user_send_text","sender":{"id":"${userId}"},"recipient":{"id":"${OA_ID}"},"message":{"msg_id":"z${++seq}","text":${JSON.stringify(text)}},"timestamp":"${ts}"}`;
      return t.app.inject({
        method: "POST",
        url: "/api/v1/channels/zalo/webhook",
        headers: {
          "content-type": "application/json",
          "x-zevent-signature": `mac=${zaloSignature(APP_ID, Buffer.from(raw), ts, OA_SECRET)}`,
        },
        payload: raw,
      });
    },
    facebook(psid: string, text: string) {
      const body = messengerText({
        page: PAGE_ID,
        psid,
        mid: `m${++seq}`,
        text,
        at: t.clock.now().getTime(),
      });
      return postFacebookWebhook(t.app, FB_SECRET, body);
    },
  };
}

/**
 * A Messenger text message to `page`, as Facebook posts it to the webhook (JSON text): sent at `at`
 * (ms), in an entry of time `entryTime` (`at` unless told).
 */
export function messengerText(m: {
  page: string;
  psid: string;
  mid: string;
  text: string;
  at: number;
  entryTime?: number;
}): string {
  return JSON.stringify({
    object: "page",
    entry: [
      {
        id: m.page,
        time: m.entryTime ?? m.at,
        messaging: [
          {
            sender: { id: m.psid },
            recipient: { id: m.page },
            timestamp: m.at,
            message: { mid: m.mid, text: m.text },
          },
        ],
      },
    ],
  });
}

/** POSTs `body` to the Facebook webhook, signed with `appSecret` as Facebook signs it. */
export function postFacebookWebhook(app: TestApp["app"], appSecret: string, body: string) {
  return app.inject({
    method: "POST",
    url: "/api/v1/channels/facebook/webhook",
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": facebookSignature(appSecret, Buffer.from(body)),
    },
    payload: body,
  });
}
