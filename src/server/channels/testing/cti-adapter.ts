import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ctiCallbackCommand, ctiTransferCommand, type TransferResult } from "../../../shared/schemas/cti.js";
import { signPayload, verifyPayload } from "../../../shared/signature.js";

/**
 * A PBX adapter at protocol level (docs/phone.md), for tests: it receives the server's signed
 * commands on a real HTTP port, checks the signature, answers 202 and then posts signed events back
 * to the server, as a real adapter does once the PBX has reported the outcome.
 */
export interface AdapterCommand {
  path: string;
  body: unknown;
  signatureOk: boolean;
}

export interface CtiAdapterStandIn {
  url: string;
  commands: AdapterCommand[];
  /** Where events go: `${serverUrl}/api/v1/cti/events`. Set once the server listens. */
  serverUrl: string;
  /** What the next transfers report (first in, first out); "connected" when empty. */
  transferOutcomes: TransferResult[];
  /** Whether the next callbacks reach the caller (first in, first out); "answered" when empty. */
  callbackOutcomes: ("answered" | "noAnswer")[];
  /** Posts one signed event to the server; returns the HTTP status. */
  post(
    event: Record<string, unknown>,
    options?: { timestamp?: number; secret?: string; raw?: string },
  ): Promise<number>;
  /** Resolves when every event posted back after a command has been answered. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** `now`: the switchboard's clock (the server's test clock where the test moves it). */
export async function startCtiAdapter(
  secret: string,
  now: () => Date = () => new Date(),
): Promise<CtiAdapterStandIn> {
  let seq = 0;
  const pending: Promise<unknown>[] = [];
  const self: CtiAdapterStandIn = {
    url: "",
    commands: [],
    serverUrl: "",
    transferOutcomes: [],
    callbackOutcomes: [],
    async post(event, options = {}) {
      const raw = options.raw ?? JSON.stringify(event);
      const ts = options.timestamp ?? Math.floor(Date.now() / 1000);
      const res = await fetch(`${self.serverUrl}/api/v1/cti/events`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-cti-timestamp": String(ts),
          "x-cti-signature": signPayload(options.secret ?? secret, ts, raw),
        },
        body: raw,
      });
      await res.arrayBuffer();
      return res.status;
    },
    async settled() {
      while (pending.length > 0) await Promise.all(pending.splice(0));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const later = (events: Record<string, unknown>[]) => {
    // After the 202 has gone out, like a PBX reporting back a moment later.
    const run = (async () => {
      await new Promise((r) => setTimeout(r, 20));
      for (const e of events) {
        const status = await self.post({ eventId: `adapter-${++seq}`, at: now().toISOString(), ...e });
        if (status !== 200) throw new Error(`server refused ${String(e.event)}: ${status}`);
      }
    })();
    pending.push(run);
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const raw = await readBody(req);
      const check = verifyPayload(
        secret,
        {
          timestamp: req.headers["x-cti-timestamp"] as string | undefined,
          signature: req.headers["x-cti-signature"] as string | undefined,
        },
        raw,
      );
      const path = req.url ?? "/";
      let body: unknown = null;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      self.commands.push({ path, body, signatureOk: check === "ok" });
      if (check !== "ok" || req.method !== "POST") {
        res.writeHead(401).end();
        return;
      }
      const transfer = /^\/calls\/([^/]+)\/transfer$/.exec(path);
      if (transfer?.[1]) {
        const command = ctiTransferCommand.safeParse(body);
        if (!command.success) {
          res.writeHead(400).end();
          return;
        }
        res.writeHead(202).end();
        const result = self.transferOutcomes.shift() ?? "connected";
        later([
          {
            event: "call.transfer.result",
            callId: decodeURIComponent(transfer[1]),
            result,
            agencyCode: command.data.agencyCode,
            ...(result === "connected" ? {} : { cause: "17" }),
          },
        ]);
        return;
      }
      if (path === "/calls") {
        const command = ctiCallbackCommand.safeParse(body);
        if (!command.success) {
          res.writeHead(400).end();
          return;
        }
        res.writeHead(202).end();
        const callId = `cb-${++seq}`;
        later([
          {
            event: "call.new",
            callId,
            direction: "out",
            from: "1022",
            to: command.data.to,
            callbackOf: command.data.callbackOf,
          },
          ...(self.callbackOutcomes.shift() === "noAnswer"
            ? [{ event: "call.hangup", callId, cause: "noAnswer" }]
            : [
                { event: "call.answered", callId, agent: "operator" },
                { event: "call.hangup", callId, cause: "normalClearing" },
              ]),
        ]);
        return;
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return self;
}

/** A recording host: serves files by path; can be stopped and started again on the same port. */
export interface RecordingHost {
  port: number;
  files: Map<string, Buffer>;
  hits: string[];
  up(): Promise<void>;
  down(): Promise<void>;
}

export async function startRecordingHost(): Promise<RecordingHost> {
  let server: Server | null = null;
  const host: RecordingHost = {
    port: 0,
    files: new Map(),
    hits: [],
    async up() {
      const s = createServer((req, res) => {
        host.hits.push(req.url ?? "");
        const file = host.files.get(req.url ?? "");
        if (!file) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { "content-type": "audio/wav", "content-length": String(file.length) }).end(file);
      });
      await new Promise<void>((resolve) => s.listen(host.port, "127.0.0.1", resolve));
      host.port = (s.address() as AddressInfo).port;
      server = s;
    },
    async down() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await host.up();
  return host;
}
