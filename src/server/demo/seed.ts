import { sql } from "drizzle-orm";
import type { Actor, Role } from "../../shared/permissions.js";
import type { AppContext } from "../context.js";
import { countRow, type Db, selectOne } from "../db/client.js";
import { agencyTable, listAgencies } from "../db/repositories/agency.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { findUserByUsername, insertUser } from "../db/repositories/user.repository.js";
import { loadSeedAgencies } from "../db/seed/reference-data.js";
import { actorFromUser, hashPassword } from "../services/credentials.js";
import { createServices, type Services } from "../services/index.js";
import { demoSeeders } from "./seeders.js";

/** Shared by every demo account; printed at start-up, never used when NODE_ENV=production. */
export const DEMO_PASSWORD = "demo1022";

export const demoUsers = [
  { username: "operator", fullName: "Lê Thị Hoa", role: "operator", agencyCode: null },
  { username: "focal", fullName: "Nguyễn Văn Minh", role: "focal_point", agencyCode: "SYT" },
  { username: "leader", fullName: "Trần Quốc Bảo", role: "agency_leader", agencyCode: "SYT" },
  { username: "coordinator", fullName: "Phạm Thu Hà", role: "coordinator", agencyCode: null },
  { username: "admin", fullName: "Hoàng Minh Quân", role: "admin", agencyCode: null },
] as const satisfies readonly { username: string; fullName: string; role: Role; agencyCode: string | null }[];

export type DemoUsername = (typeof demoUsers)[number]["username"];

/** What a demo seeder gets: the services to create data the way staff would, and the demo staff. */
export interface DemoSeedContext {
  ctx: AppContext;
  db: Db;
  services: Services;
  users: Record<DemoUsername, Actor>;
  /** The id of a seeded agency by its code ("SYT", a GSO commune code, …). */
  agencyId(code: string): Promise<string>;
}

export interface DemoSeeder {
  /** Stable name; the seeder runs once per database under this name. */
  name: string;
  run(c: DemoSeedContext): Promise<void>;
}

const doneEntity = "system";
const doneId = (name: string) => `demo-seed:${name}`;

async function alreadyRan(db: Db, name: string): Promise<boolean> {
  const row = await selectOne(
    db,
    countRow,
    sql`select count(*)::int as n from events where entity = ${doneEntity} and entity_id = ${doneId(name)}`,
  );
  return (row?.n ?? 0) > 0;
}

async function agencyIdOf(db: Db, code: string): Promise<string> {
  const agency = await agencyTable.findByCode(db, code);
  if (!agency) throw new Error(`demo seed: agency ${code} is missing (reference seed not run?)`);
  return agency.id;
}

async function ensureDemoUsers(db: Db): Promise<Record<DemoUsername, Actor>> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const entries: [DemoUsername, Actor][] = [];
  for (const u of demoUsers) {
    let row = await findUserByUsername(db, u.username);
    if (!row) {
      const agencyId = u.agencyCode ? await agencyIdOf(db, u.agencyCode) : null;
      row = await db.transaction(async (tx) => {
        const created = await insertUser(tx, {
          username: u.username,
          passwordHash,
          fullName: u.fullName,
          role: u.role,
          agencyId,
        });
        await appendEvent(tx, {
          entity: "user",
          entityId: created.id,
          kind: "user.created",
          data: { after: { username: u.username, fullName: u.fullName, role: u.role, agencyId }, demo: true },
        });
        return created;
      });
    }
    entries.push([u.username, actorFromUser(row)]);
  }
  return Object.fromEntries(entries) as Record<DemoUsername, Actor>;
}

/** Invented hotline numbers from the seed file, for agencies that have none yet (demo only). */
const demoHotlines: DemoSeeder = {
  name: "hotlines",
  async run({ db }) {
    const wanted = new Map((await loadSeedAgencies()).map((a) => [a.code, a.demoHotlineNumbers ?? []]));
    for (const a of await listAgencies(db, { includeInactive: true })) {
      const numbers = wanted.get(a.code) ?? [];
      if (a.hotline_numbers.length > 0 || numbers.length === 0) continue;
      await agencyTable.update(db, a.id, {
        code: a.code,
        name: a.name,
        kind: a.kind,
        hotlineNumbers: numbers,
        email: a.email,
        isCoordinator: a.is_coordinator,
        active: a.active,
      });
    }
  },
};

export interface DemoSeedOptions {
  /** Defaults to the built-in hotline seeder followed by seeders.ts. */
  seeders?: DemoSeeder[];
  /** The process's services (main.ts passes its own); built from `ctx` when not given. */
  services?: Services;
}

/**
 * Demo accounts and data for trying the product (never when NODE_ENV=production). Safe to run on
 * every start: users are created only when missing and each seeder runs once per database.
 * Returns the names of the seeders that ran now.
 */
export async function seedDemo(ctx: AppContext, options: DemoSeedOptions = {}): Promise<string[]> {
  if (ctx.config.NODE_ENV === "production") throw new Error("demo data is never seeded in production");
  const db = ctx.db;
  const users = await ensureDemoUsers(db);
  const seedCtx: DemoSeedContext = {
    ctx,
    db,
    services: options.services ?? createServices(ctx),
    users,
    agencyId: (code) => agencyIdOf(db, code),
  };
  const ran: string[] = [];
  for (const seeder of options.seeders ?? [demoHotlines, ...demoSeeders]) {
    if (await alreadyRan(db, seeder.name)) continue;
    await seeder.run(seedCtx);
    await appendEvent(db, { entity: doneEntity, entityId: doneId(seeder.name), kind: "demo_seeded" });
    ran.push(seeder.name);
  }
  return ran;
}

/** The lines printed at start-up so a first-time user can sign in. */
export function demoLoginLines(): string[] {
  return [
    `Demo accounts (password "${DEMO_PASSWORD}"):`,
    ...demoUsers.map(
      (u) => `  ${u.username.padEnd(12)} ${u.role}${u.agencyCode ? ` (${u.agencyCode})` : ""}`,
    ),
  ];
}
