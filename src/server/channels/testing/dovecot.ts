import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";

/** Where Debian's dovecot-imapd puts the daemon; `.ci/run` installs it when missing. */
export const DOVECOT_BINARY = "/usr/sbin/dovecot";

export function dovecotAvailable(): boolean {
  return existsSync(DOVECOT_BINARY) && existsSync("/usr/lib/dovecot/imap");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface PrivateDovecot {
  port: number;
  user: string;
  password: string;
  /** imap://user:pass@127.0.0.1:port/<mailbox> */
  url(mailbox?: string): string;
  stop(): Promise<void>;
}

/**
 * A private Dovecot IMAP server for one test file: its own configuration, run and mail directories
 * in a temporary directory, plaintext login on 127.0.0.1 only, one passwd-file user. Mail belongs
 * to the unprivileged "mail" user because Dovecot refuses UID 0 for mail access.
 */
export async function startDovecot(): Promise<PrivateDovecot> {
  const dir = await mkdtemp(path.join(tmpdir(), "dovecot-"));
  const port = await freePort();
  const user = "hotline";
  const password = "test-password-1022";
  for (const sub of ["run", "state", "mail"]) await mkdir(path.join(dir, sub), { recursive: true });
  await chmod(dir, 0o755);
  await writeFile(path.join(dir, "passwd"), `${user}:{PLAIN}${password}:8:8::${dir}/mail/${user}::\n`);
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = dovecot-test-${port}
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 8
mail_location = maildir:${dir}/mail/%u/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`;
  await writeFile(path.join(dir, "dovecot.conf"), conf);
  await mkdir(path.join(dir, "mail", user), { recursive: true });
  spawnSync("chown", ["-R", "mail:mail", path.join(dir, "mail")]);
  const child: ChildProcess = spawn(DOVECOT_BINARY, ["-F", "-c", path.join(dir, "dovecot.conf")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  try {
    await waitForPort(port, 10_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}: ${stderr}`);
  }
  return {
    port,
    user,
    password,
    url: (mailbox = "INBOX") => `imap://${user}:${password}@127.0.0.1:${port}/${encodeURIComponent(mailbox)}`,
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A private Dovecot with one mailbox, and a citizen's IMAP client on it to deliver mail with. */
export interface CitizenMailbox {
  dovecot: PrivateDovecot;
  citizen: ImapFlow;
  /** Logs the citizen out and stops Dovecot. */
  close(): Promise<void>;
}

/** Starts Dovecot (failing if it is not installed) and creates `mailbox` as the citizen. */
export async function startCitizenMailbox(mailbox: string): Promise<CitizenMailbox> {
  if (!dovecotAvailable())
    throw new Error("dovecot-imapd is not installed (apt-get install -y dovecot-imapd)");
  const dovecot = await startDovecot();
  const citizen = new ImapFlow({
    host: "127.0.0.1",
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  const close = async () => {
    await citizen.logout().catch(() => undefined);
    await dovecot.stop();
  };
  try {
    await citizen.connect();
    await citizen.mailboxCreate(mailbox);
  } catch (e) {
    await close();
    throw e;
  }
  return { dovecot, citizen, close };
}
