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
  // The app, its driver, SYT's id and the sessions, once beforeAll has set them; `s` reads them here.
  const values = new Map<string, unknown>();
  const signInAll = async (...only: DemoUsername[]) => {
    for (const name of only.length > 0 ? only : users) values.set(name, await signIn(s.t.app, name));
    if (values.has("otherFocalUser") && only.length === 0) {
      values.set("otherFocal", await s.otherFocalUser.signIn());
    }
  };

  const s = {
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
  } as StaffApp;

  const keys = ["t", "drive", "syt", "otherFocalUser", "otherFocal", ...demoUsers.map((u) => u.username)];
  for (const key of keys) {
    const get = () => {
      if (values.has(key)) return values.get(key);
      throw new Error(`useStaffApp: no ${key} before beforeAll, nor unless asked for (users, otherFocal)`);
    };
    Object.defineProperty(s, key, { get });
  }

  beforeAll(async () => {
    const t = await createTestApp({ seed: "staff", ...appOptions });
    const drive = requestDriver(t);
    values
      .set("t", t)
      .set("drive", drive)
      .set("syt", await drive.agencyId("SYT"));
    if (otherFocal)
      values.set("otherFocalUser", await createStaffUser(t, { role: "focal_point", agencyCode: "SCT" }));
    if (eachTestAt === undefined) await signInAll();
  });
  if (eachTestAt !== undefined) beforeEach(() => s.at(eachTestAt));
  afterAll(() => (values.get("t") as TestApp | undefined)?.close());
  return s;
}
