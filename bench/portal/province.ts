/**
 * A province's year of requests for bench/portal (issue 16): BENCH_REQUESTS (e.g. 500,000) requests
 * loaded in bulk beside the seeded ones, each with its history (six events, three with a public
 * note, hash-chain columns filled with negative placeholder places: the bench never verifies the chain), a slip
 * (one in ten still open), an answer, and a conversation on one in twenty — so the follow look-up
 * and the answers page run against tables and indexes of the size they have in production.
 * `npx tsx bench/portal/province.ts URL N` loads a database already migrated, e.g. to run
 * EXPLAIN ANALYZE by hand.
 */
import pg from "pg";

export async function loadProvince(url: string, n: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Generated rows are consistent by construction: skip foreign-key and trigger checks while loading.
    await client.query("set session_replication_role = replica");
    await client.query(
      `insert into requesters (full_name, phone) values ('Nguyễn Văn An', '+84912999999')
       on conflict do nothing`,
    );
    await client.query(
      `insert into requests (code, channel, received_at, requester_id, content, field_id, status, agency_id,
                             answering_agency_id, contact_phone, contact_name, public_question, public_answer,
                             published_at, follow_secret_hash, awaiting_requester_since)
       select 'P' || lpad(g::text, 7, '0'),
              (array['phone','portal','email','zalo','facebook'])[1 + g % 5],
              timestamptz '2025-01-01 08:00+07' + ((g::bigint * 365 * 86400) / $1) * interval '1 second',
              (select id from requesters where phone = '+84912999999'),
              'Xin hỏi về thủ tục hành chính, yêu cầu số ' || g,
              (select id from fields order by id limit 1 offset g % 9),
              case when g % 10 = 0 then 'forwarded' when g % 10 = 1 then 'published' else 'answered' end,
              ag.ids[1 + g % array_length(ag.ids, 1)],
              ag.ids[1 + g % array_length(ag.ids, 1)],
              '+8491' || lpad(g::text, 7, '0'), 'Người dân ' || g,
              case when g % 10 = 1 then 'Câu hỏi công khai số ' || g end,
              case when g % 10 = 1 then 'Trả lời công khai số ' || g end,
              case when g % 10 = 1 then timestamptz '2025-01-03 08:00+07' + ((g::bigint * 360 * 86400) / $1) * interval '1 second' end,
              md5('follow' || g) || md5('secret' || g),
              case when g % 20 = 0 then now() end
       from generate_series(1, $1) g, (select array_agg(id order by code) as ids from agencies) ag`,
      [n],
    );
    await client.query(
      `insert into transfer_slips (request_id, agency_id, sent_at, status, due_at, closed_at)
       select r.id, r.agency_id, r.received_at + interval '30 minutes',
              case when r.status = 'forwarded' then 'open' else 'answered' end,
              r.received_at + interval '24 hours',
              case when r.status = 'forwarded' then null else r.received_at + interval '20 hours' end
       from requests r where r.code like 'P%'`,
    );
    await client.query(
      `insert into answers (request_id, agency_id, source, body, created_at)
       select r.id, r.agency_id, 'agency', 'Trả lời của cơ quan cho yêu cầu ' || r.code, r.received_at + interval '20 hours'
       from requests r where r.code like 'P%' and r.status <> 'forwarded'`,
    );
    // Placeholder chain places below zero: the live chain (chain_link, migration 0016) keeps counting
    // from its own head, so events the server appends later never collide with the loaded ones.
    const seq = await client.query<{ m: number }>(
      "select least(coalesce(min(chain_seq), 0), 0)::int as m from events",
    );
    await client.query(
      `insert into events (at, actor_label, entity, entity_id, request_id, kind, public_note,
                           chain_seq, prev_hash, hash, data_digest)
       select r.received_at + k * interval '2 hours', 'Hệ thống', 'request', r.id::text, r.id,
              (array['received','acknowledged','forwarded','slip_seen','answered','published'])[k + 1],
              case when k in (0, 2, 4) then 'Bước xử lý số ' || k end,
              $1::bigint - row_number() over (), 'x', 'x', 'x'
       from requests r, generate_series(0, 5) k where r.code like 'P%'`,
      [seq.rows[0]?.m ?? 0],
    );
    await client.query(
      `insert into request_messages (request_id, direction, channel, author_label, body, event_id, created_at)
       select r.id, 'in', 'portal', 'Người yêu cầu', 'Bổ sung thông tin', e.id, r.received_at + interval '3 hours'
       from requests r join lateral (select id from events where request_id = r.id order by id limit 1) e on true
       where r.code like 'P%' and r.awaiting_requester_since is not null`,
    );
    await client.query("set session_replication_role = default");
    await client.query("analyze");
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, count] = process.argv.slice(2);
  if (!url) {
    console.error("usage: tsx bench/portal/province.ts DATABASE_URL [N]");
    process.exit(2);
  }
  const t0 = Date.now();
  await loadProvince(url, Number(count ?? 500_000));
  console.log(`loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
