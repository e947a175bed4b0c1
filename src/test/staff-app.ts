import { afterAll, beforeAll, beforeEach } from "vitest";
import { type DemoUsername, demoUsers } from "../server/demo/seed.js";
import type { RequestDetail } from "../shared/schemas/requests.js";
import { createTestApp, type TestApp, type TestAppOptions } from "./harness.js";
import { type RequestDriver, requestDriver } from "./requests.js";
import { type CreatedStaff, createStaffUser, type StaffSession, signIn } from "./staff.js";

export interface StaffAppOptions extends TestAppOptions {
  /** The demo users to sign in (the "staff" seed's; focal and leader are SYT's): all five unless told. */
  users?: readonly DemoUsername[];
  /** Also a focal point of SCT, another agency, as `otherFocal` (its account as `otherFocalUser`). */
  otherFocal?: boolean;
  /**
   * Before each test, set the clock to this instant and sign everyone in again: for tests that move
   * the clock (sessions expire with it) and must not depend on the order they run in.
   */
  eachTestAt?: string;
}

/** The sessions, the request driver and SYT's id of a test app, filled in by its beforeAll. */
export type StaffApp = Record<DemoUsername, StaffSession> & {
  t: TestApp;
  drive: RequestDriver;
  /** The id of SYT (Sở Y tế), where the demo focal point and leader work. */
  syt: string;
  otherFocal: StaffSession;
  otherFocalUser: CreatedStaff;
  /** Signs these users (every one unless told) in again: after the clock moved, or sessions were revoked. */
  signIn(...only: DemoUsername[]): Promise<void>;
  /** Moves the clock to `instant` and signs every user in again (sessions expire with the clock). */
  at(instant: string): Promise<void>;
  /** A request the operator took (`overrides` to the intake) and forwarded, connected, to SYT. */
  forwarded(overrides?: Record<string, unknown>, forward?: Record<string, unknown>): Promise<RequestDetail>;
  /** …and SYT's focal point recorded `answer` on it (not yet published). */
  answered(answer: string, overrides?: Record<string, unknown>): Promise<RequestDetail>;
  /** …and published that answer. */
  published(answer: string, overrides?: Record<string, unknown>): Promise<RequestDetail>;
};

/**
 * A test app on the "staff" seed for one describe block (or file): registers its beforeAll/afterAll
 * and returns an object whose fields are there once beforeAll has run — read them inside tests and
 * hooks (`s.operator`), never at collection time. A session not asked for in `users` throws.
 */
export function useStaffApp(options: StaffAppOptions = {}): StaffApp {
  const { users = demoUsers.map((u) => u.username), otherFocal = false, eachTestAt, ...appOptions } = options;
  const sessions = new Map<string, StaffSession>();
  const fields: Partial<Pick<StaffApp, "t" | "drive" | "syt" | "otherFocalUser">> = {};
  const need = <K extends keyof typeof fields>(key: K): NonNullable<(typeof fields)[K]> => {
    const value = fields[key];
    if (value === undefined) throw new Error(`useStaffApp: ${key} is there only once beforeAll has run`);
    return value as NonNullable<(typeof fields)[K]>;
  };
  const session = (name: string): StaffSession => {
    const found = sessions.get(name);
    if (!found)
      throw new Error(`useStaffApp: ${name} is not signed in (see the users and otherFocal options)`);
    return found;
  };
  const signInAll = async (...only: DemoUsername[]) => {
    const t = need("t");
    for (const name of only.length > 0 ? only : users) sessions.set(name, await signIn(t.app, name));
    if (fields.otherFocalUser && only.length === 0) {
      sessions.set("otherFocal", await fields.otherFocalUser.signIn());
    }
  };

  const s: StaffApp = {
    get t() {
      return need("t");
    },
    get drive() {
      return need("drive");
    },
    get syt() {
      return need("syt");
    },
    get otherFocalUser() {
      return need("otherFocalUser");
    },
    get operator() {
      return session("operator");
    },
    get focal() {
      return session("focal");
    },
    get leader() {
      return session("leader");
    },
    get coordinator() {
      return session("coordinator");
    },
    get admin() {
      return session("admin");
    },
    get otherFocal() {
      return session("otherFocal");
    },
    signIn: signInAll,
    async at(instant) {
      s.t.clock.set(instant);
      await signInAll();
    },
    async forwarded(overrides = {}, forward = {}) {
      const r = await s.drive.create(s.operator, overrides);
      return s.drive.actOk(s.operator, r, "forward", {
        agencyId: s.syt,
        transferAttempt: "connected",
        ...forward,
      });
    },
    async answered(answer, overrides = {}) {
      return s.drive.actOk(s.focal, await s.forwarded(overrides), "record-answer", { answer });
    },
    async published(answer, overrides = {}) {
      return s.drive.actOk(s.focal, await s.answered(answer, overrides), "publish", {});
    },
  };

  beforeAll(async () => {
    const t = await createTestApp({ seed: "staff", ...appOptions });
    fields.t = t;
    fields.drive = requestDriver(t);
    fields.syt = await fields.drive.agencyId("SYT");
    if (otherFocal)
      fields.otherFocalUser = await createStaffUser(t, { role: "focal_point", agencyCode: "SCT" });
    if (eachTestAt === undefined) await signInAll();
  });
  if (eachTestAt !== undefined) beforeEach(() => s.at(eachTestAt));
  afterAll(() => fields.t?.close());
  return s;
}
