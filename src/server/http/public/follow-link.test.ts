import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { publicRequestView, requestDetail } from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import { requestDriver } from "../../../test/requests.js";
import { signIn } from "../../../test/staff.js";
import { messengerText, postFacebookWebhook } from "../../channels/testing/chat-webhooks.js";
import { useChannelTestApp } from "../../channels/testing/kit.js";
import { useFakeGraph } from "../../channels/testing/provider-servers.js";
import { execRaw } from "../../db/client.js";
import { hashFollowSecret } from "../../services/follow-link.js";

/**
 * Issue 13 / R-PU2: a Messenger requester never gave a phone number; the acknowledgement carries a
 * follow link with a per-request secret that opens the request, until staff revoke it.
 */
const APP_SECRET = "fb-app-secret-for-follow-tests";
const PAGE_ID = "104213379077880";
const PUBLIC_URL = "https://1022.thanhhoa.example";

const graph = useFakeGraph({ pageToken: "page-token-f" });
const t = useChannelTestApp(() => ({
  seed: "staff",
  PUBLIC_URL,
  FACEBOOK_APP_SECRET: APP_SECRET,
  FACEBOOK_VERIFY_TOKEN: "v",
  FACEBOOK_PAGE_TOKEN: "page-token-f",
  FACEBOOK_GRAPH_URL: graph.url,
}));

async function messengerRequest(psid: string, text: string, mid: string) {
  const body = messengerText({ page: PAGE_ID, psid, mid, text, at: t.clock.now().getTime() });
  const res = await postFacebookWebhook(t.app, APP_SECRET, body);
  expect(res.statusCode).toBe(200);
  await t.inbound.runOnce();
  await t.outbox.drain();
}

const LINK = /https:\/\/1022\.thanhhoa\.example\/theo-doi\/([A-Za-z0-9_-]{43})/;

describe("follow link for chat requesters", () => {
  it("the Messenger acknowledgement carries a link that opens the request; staff revoke it and it is the same 404 as a wrong one", async () => {
    await messengerRequest(
      "6142494823000000077",
      "Xin hỏi giờ làm việc của bộ phận một cửa phường?",
      "mid.$f1",
    );
    const [request] = await t.requests();
    const ack = graph.state.delivered.find((d) => d.recipient === "6142494823000000077");
    expect(ack?.text).toContain(request?.code ?? "?");
    const secret = ack?.text.match(LINK)?.[1];
    if (!secret || !request) throw new Error(`no follow link in ${ack?.text}`);
    // No phone was given on Messenger: the message does not ask for one.
    expect(ack?.text).not.toContain("số điện thoại");

    // Only the hash is stored.
    const stored = await execRaw<{ follow_secret_hash: string }>(
      t.ctx.db,
      sql`select follow_secret_hash from requests where id = ${request.id}`,
    );
    expect(stored[0]?.follow_secret_hash).toBe(hashFollowSecret(secret));
    const leaked = await execRaw<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from requests where follow_secret_hash = ${secret} or contact_channel_id = ${secret}`,
    );
    expect(leaked[0]?.n).toBe(0);

    // The link opens the follow page, no typing; the JSON API says the same.
    const page = await t.app.inject({ url: `/theo-doi/${secret}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Yêu cầu ${request.code}`);
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    const api = json(await t.app.inject({ url: `/api/v1/public/follow/${secret}` }), publicRequestView);
    expect(api.code).toBe(request.code);

    // A wrong secret of the right shape, a malformed one: the same 404.
    const wrong = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
    const wrongApi = await t.app.inject({ url: `/api/v1/public/follow/${wrong}` });
    expect(error(wrongApi, 404).code).toBe("NOT_FOUND");
    const junkApi = await t.app.inject({ url: "/api/v1/public/follow/abc" });
    expect(junkApi.body).toBe(wrongApi.body);
    const codeLookup = await t.app.inject({ url: "/api/v1/public/requests/2603-ZZZZZZ?phone=0912000000" });
    expect(codeLookup.body).toBe(wrongApi.body);
    const wrongPage = await t.app.inject({ url: `/theo-doi/${wrong}` });
    expect(wrongPage.statusCode).toBe(404);

    // A focal point may not revoke; the operator does, with a reason, recorded for staff only.
    const focal = await signIn(t.app, "focal");
    const operator = await signIn(t.app, "operator");
    const detail = json(await operator.inject({ url: `/api/v1/requests/${request.id}` }), requestDetail);
    expect(detail.followLinkActive).toBe(true);
    const revokeAs = (who: typeof operator, version: number) =>
      who.inject({
        method: "POST",
        url: `/api/v1/requests/${request.id}/follow-link/revoke`,
        payload: { version, reason: "Người yêu cầu báo đã chuyển nhầm tin nhắn cho người khác." },
      });
    expect((await revokeAs(focal, detail.version)).statusCode).toBe(403);
    const revoked = json(await revokeAs(operator, detail.version), requestDetail);
    expect(revoked.followLinkActive).toBe(false);
    expect(revoked.events.at(-1)).toMatchObject({
      kind: "follow_link_revoked",
      publicNote: null,
      data: { reason: "Người yêu cầu báo đã chuyển nhầm tin nhắn cho người khác." },
    });
    expect(error(await revokeAs(operator, revoked.version), 409).code).toBe("INVALID_TRANSITION");

    const afterApi = await t.app.inject({ url: `/api/v1/public/follow/${secret}` });
    expect(afterApi.statusCode).toBe(404);
    expect(afterApi.body).toBe(wrongApi.body);
    const afterPage = await t.app.inject({ url: `/theo-doi/${secret}` });
    expect(afterPage.statusCode).toBe(404);
    expect(afterPage.body).toBe(wrongPage.body);

    // A new link goes to the requester on Messenger; it opens the request, the old one stays dead.
    const issued = json(
      await operator.inject({
        method: "POST",
        url: `/api/v1/requests/${request.id}/follow-link`,
        payload: { version: revoked.version },
      }),
      requestDetail,
    );
    expect(issued.followLinkActive).toBe(true);
    expect(issued.events.at(-1)).toMatchObject({ kind: "follow_link_issued", publicNote: null });
    await t.outbox.drain();
    const resent = graph.state.delivered.filter((d) => d.recipient === "6142494823000000077").at(-1);
    const fresh = resent?.text.match(LINK)?.[1];
    if (!fresh) throw new Error(`no new follow link in ${resent?.text}`);
    expect(fresh).not.toBe(secret);
    expect(json(await t.app.inject({ url: `/api/v1/public/follow/${fresh}` }), publicRequestView).code).toBe(
      request.code,
    );
    expect((await t.app.inject({ url: `/api/v1/public/follow/${secret}` })).statusCode).toBe(404);
  });

  // A caller with a mobile number gets a new link by SMS (issue 12); a landline has nowhere to take it.
  it("a request that came by phone from a landline without an email has nowhere to send a link: 409, nothing changes", async () => {
    const operator = await signIn(t.app, "operator");
    const r = await requestDriver(t).create(operator, {
      requester: { fullName: "Lê Văn Tâm", phone: "0237 3852 404", address: "Xã Quảng Phú" },
      content: "Hỏi về thủ tục cấp lại giấy khai sinh cho con.",
    });
    const res = await operator.inject({
      method: "POST",
      url: `/api/v1/requests/${r.id}/follow-link`,
      payload: { version: r.version },
    });
    expect(error(res, 409).code).toBe("INVALID_TRANSITION");
    const after = json(await operator.inject({ url: `/api/v1/requests/${r.id}` }), requestDetail);
    expect(after.version).toBe(r.version);
    expect(after.events.map((e) => e.kind)).not.toContain("follow_link_issued");
  });
});
