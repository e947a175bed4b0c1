import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../test/hooks.js";
import { signIn } from "../../test/staff.js";
import { execRaw } from "../db/client.js";
import { agencyTable } from "../db/repositories/agency.repository.js";
import { findUserByUsername } from "../db/repositories/user.repository.js";
import { type DemoSeeder, seedDemo } from "./seed.js";

describe("demo seed", () => {
  const t = useTestApp({ seed: "reference" });

  it("creates the five demo users once, runs each seeder once, and they can sign in", async () => {
    const calls: string[] = [];
    const probe: DemoSeeder = {
      name: "probe",
      async run(c) {
        calls.push(c.users.focal.username);
        expect(c.users.focal.agencyId).toBe(await c.agencyId("SYT"));
      },
    };
    expect(await seedDemo(t.ctx, { seeders: [probe] })).toEqual(["probe"]);
    expect(await seedDemo(t.ctx, { seeders: [probe] })).toEqual([]);
    expect(calls).toEqual(["focal"]);
    const leader = await findUserByUsername(t.ctx.db, "leader");
    expect(leader?.role).toBe("agency_leader");
    for (const username of ["operator", "focal", "leader", "coordinator", "admin"]) {
      const s = await signIn(t.app, username);
      expect(s.me.user.username).toBe(username);
    }
  });

  it("gives departments their (invented) demo hotline numbers", async () => {
    expect(await seedDemo(t.ctx)).toContain("hotlines");
    const syt = await agencyTable.findByCode(t.ctx.db, "SYT");
    expect(syt?.hotline_numbers.length).toBeGreaterThan(0);
  });

  it("dates each demo message at the event that caused it, as the history it belongs to", async () => {
    // Twenty-ninth session: messages were dated at the seeding's real time while their history ran
    // on the seeding's clock, days earlier (an acknowledgement «created» after the answer).
    await seedDemo(t.ctx);
    const messages = await execRaw<{ created_at: string; at: string }>(
      t.ctx.db,
      sql`select o.created_at, e.at from outbox o join events e on e.id = o.event_id`,
    );
    expect(messages.length).toBeGreaterThan(10);
    expect(messages.filter((m) => new Date(m.created_at).getTime() !== new Date(m.at).getTime())).toEqual([]);
  });

  it("refuses to run in production", async () => {
    await expect(
      seedDemo({ ...t.ctx, config: { ...t.ctx.config, NODE_ENV: "production" } }),
    ).rejects.toThrow();
  });
});
