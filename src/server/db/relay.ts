import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import pg from "pg";
import type { Database } from "./client.js";

/**
 * Messages between the server processes of one database (issue 15), through PostgreSQL
 * LISTEN/NOTIFY: live updates, ended sessions, cache invalidation. A message is delivered at once
 * to this process's own listeners and sent with NOTIFY to the others; the LISTEN connection skips
 * messages of its own origin, so each process hears each message exactly once.
 *
 * LISTEN needs a connection of its own for as long as the process runs: it is opened directly to
 * DATABASE_URL (a session, not a pooled transaction — behind PgBouncer in transaction mode, point
 * LISTEN_DATABASE_URL at PostgreSQL itself or at a session-mode pool). NOTIFY goes through the
 * ordinary pool and is transaction-safe. If the LISTEN connection drops (a restart) it reconnects
 * with back-off (at most RECONNECT_MAX_MS between tries). On the embedded database there is one
 * process: the relay is in-memory.
 */
export interface Relay {
  publish(channel: string, payload: unknown): void;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
  /** Whether the LISTEN connection is up (always true in-memory). */
  readonly listening: boolean;
  close(): Promise<void>;
}

const RECONNECT_MAX_MS = 5_000;
/** PostgreSQL's NOTIFY payload limit is 8000 bytes; larger messages stay in this process. */
const MAX_PAYLOAD = 7_900;
/** All channels share one PostgreSQL channel name, so one LISTEN covers them. */
const PG_CHANNEL = "tongdai_relay";

export function createRelay(
  database: Database,
  options: { listenUrl?: string; onError?: (error: unknown, what: string) => void } = {},
): Relay {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const emit = (channel: string, payload: unknown) => {
    for (const listener of local.listeners(channel)) {
      try {
        (listener as (p: unknown) => void)(payload);
      } catch (error) {
        options.onError?.(error, "relay listener");
      }
    }
  };
  if (database.raw.kind !== "postgres") {
    return {
      publish: emit,
      subscribe(channel, listener) {
        local.on(channel, listener);
        return () => local.off(channel, listener);
      },
      listening: true,
      close: async () => {
        local.removeAllListeners();
      },
    };
  }
  const pool = database.raw.pool;
  const origin = randomUUID();
  let client: pg.Client | null = null;
  let closed = false;
  let listening = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client(
      options.listenUrl ? { connectionString: options.listenUrl } : { ...pool.options, keepAlive: true },
    );
    const retry = (error: unknown) => {
      if (client === c) client = null;
      listening = false;
      c.removeAllListeners();
      c.on("error", () => {});
      void c.end().catch(() => {});
      if (closed) return;
      options.onError?.(error, "relay LISTEN connection lost; reconnecting");
      attempt++;
      timer = setTimeout(() => void connect(), Math.min(RECONNECT_MAX_MS, 250 * 2 ** Math.min(attempt, 5)));
    };
    c.on("error", retry);
    c.on("end", () => retry(new Error("LISTEN connection ended")));
    c.on("notification", (message) => {
      if (message.channel !== PG_CHANNEL || !message.payload) return;
      try {
        const { o, m } = JSON.parse(message.payload) as { o: string; m: { c: string; p: unknown }[] };
        if (o !== origin) for (const { c: channel, p } of m) emit(channel, p);
      } catch (error) {
        options.onError?.(error, "relay message unreadable");
      }
    });
    try {
      await c.connect();
      await c.query(`listen ${PG_CHANNEL}`);
      if (closed) {
        await c.end();
        return;
      }
      // The connection must not keep a finished process alive (tests, CLIs).
      (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      client = c;
      listening = true;
      attempt = 0;
    } catch (error) {
      retry(error);
    }
  };
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    void connect();
  };

  // Messages of the same few milliseconds go in one NOTIFY (every NOTIFY commit queues behind
  // the others, so one per intake would throttle a busy intake).
  let queue: string[] = [];
  let flushing: NodeJS.Timeout | null = null;
  const flush = () => {
    flushing = null;
    const items = queue;
    queue = [];
    while (items.length > 0 && !closed) {
      const batch: string[] = [];
      let size = 20;
      while (items.length > 0 && size + (items[0] as string).length + 1 < MAX_PAYLOAD) {
        const item = items.shift() as string;
        size += item.length + 1;
        batch.push(item);
      }
      if (batch.length === 0) {
        options.onError?.(new Error(`relay message over ${MAX_PAYLOAD} bytes`), "relay");
        items.shift();
        continue;
      }
      const text = `{"o":${JSON.stringify(origin)},"m":[${batch.join(",")}]}`;
      pool.query("select pg_notify($1, $2)", [PG_CHANNEL, text]).catch((error: unknown) => {
        options.onError?.(error, "relay NOTIFY failed; other processes miss this message");
      });
    }
  };

  return {
    publish(channel, payload) {
      emit(channel, payload);
      if (closed) return;
      queue.push(JSON.stringify({ c: channel, p: payload }));
      flushing ??= setTimeout(flush, 5);
    },
    subscribe(channel, listener) {
      start();
      local.on(channel, listener);
      return () => local.off(channel, listener);
    },
    get listening() {
      return listening;
    },
    async close() {
      if (flushing) {
        clearTimeout(flushing);
        flush();
      }
      closed = true;
      if (timer) clearTimeout(timer);
      local.removeAllListeners();
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners();
        c.on("error", () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
