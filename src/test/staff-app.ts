import { afterAll, beforeAll, beforeEach } from "vitest";
import { type DemoUsername, demoUsers } from "../server/demo/seed.js";
import type { RequestDetail } from "../shared/schemas/requests.js";
import { createTestApp, type TestApp, type TestAppOptions } from "./harness.js";
import { type LateOptions, resolveOptions } from "./hooks.js";
import { type RequestDriver, requestDriver } from "./requests.js";
import { type CreatedStaff, createStaffUser, type StaffSession, signIn } from "./staff.js";

export interface StaffAppOptions<Code extends string = never> extends TestAppOptions {
  /** The demo users to sign in (the "staff" seed's; focal and leader are SYT's): all five unless told. */
  users?: readonly DemoUsername[];
  /** Also a focal point of SCT, another agency, as `otherFocal` (its account as `otherFocalUser`). */
  otherFocal?: boolean;
  /**
   * Focal points of these agencies too (codes, e.g. ["SNV", "STC"]), signed in with everyone as
   * `focalOf[code]`; their ids, with SYT's, in `agencyIds`. For requests several agencies share.
   */
  focalsOf?: readonly Code[];
  /**
   * Before each test, set the clock to this instant and sign everyone in again: for tests that move
   * the clock (sessions expire with it) and must not depend on the order they run in.
   */
  eachTestAt?: string;
}

/** The sessions, the request driver and SYT's id of a test app, filled in by its beforeAll. */
export type StaffApp<Code extends string = never> = Record<DemoUsername, StaffSession> & {
  t: TestApp;
  drive: RequestDriver;
  /** The id of SYT (Sở Y tế), where the demo focal point and leader work. */
  syt: string;
  otherFocal: StaffSession;
  otherFocalUser: CreatedStaff;
  /** The focal point of each agency in `focalsOf`, signed in. */
  focalOf: Record<Code, StaffSession>;
  /** The ids of SYT and of each agency in `focalsOf`, by code. */
  agencyIds: Record<Code | "SYT", string>;
  /** Signs these users (every one unless told) in again: after the clock moved, or sessions were revoked. */
  signIn(...only: DemoUsername[]): Promise<void>;
  /** Moves the clock to `instant` and signs every user in again (sessions expire with the clock). */
  at(instant: string | Date): Promise<void>;
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
 * `late`: more app options known only in beforeAll — a function called there, after the file's
 * servers registered before this call have started (their ports: `CTI_ADAPTER_URL: adapter.url`).
 */
export function useStaffApp<Code extends string = never>(
  options: StaffAppOptions<Code> = {},
  late: LateOptions<TestAppOptions> = {},
): StaffApp<Code> {
  const {
    users = demoUsers.map((u) => u.username),
    otherFocal = false,
    focalsOf = [],
    eachTestAt,
    ...appOptions
  } = options;
  // Each agency's focal point in focalsOf, and its sign-in.
  const agencyFocals = new Map<Code, CreatedStaff>();
  // The app, its driver, SYT's id and the sessions, once beforeAll has set them; `s` reads them here.
  const values = new Map<string, unknown>();
  const signInAll = async (...only: DemoUsername[]) => {
    for (const name of only.length > 0 ? only : users) values.set(name, await signIn(s.t.app, name));
    if (only.length > 0) return;
    if (values.has("otherFocalUser")) values.set("otherFocal", await s.otherFocalUser.signIn());
    const focalOf: Partial<Record<Code, StaffSession>> = {};
    for (const [code, user] of agencyFocals) focalOf[code] = await user.signIn();
    values.set("focalOf", focalOf);
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
  } as StaffApp<Code>;

  const keys = ["t", "drive", "syt", "agencyIds", "otherFocalUser", "otherFocal", "focalOf"];
  for (const u of demoUsers) keys.push(u.username);
  for (const key of keys) {
    const get = () => {
      if (values.has(key)) return values.get(key);
      throw new Error(`useStaffApp: no ${key} before beforeAll, nor unless asked for (users, otherFocal)`);
    };
    Object.defineProperty(s, key, { get });
  }

  beforeAll(async () => {
    const t = await createTestApp({ seed: "staff", ...appOptions, ...(await resolveOptions(late)) });
    const drive = requestDriver(t);
    values
      .set("t", t)
      .set("drive", drive)
      .set("syt", await drive.agencyId("SYT"));
    if (otherFocal)
      values.set("otherFocalUser", await createStaffUser(t, { role: "focal_point", agencyCode: "SCT" }));
    const agencyIds: Record<string, string> = { SYT: s.syt };
    for (const code of focalsOf) {
      agencyIds[code] = await drive.agencyId(code);
      agencyFocals.set(code, await createStaffUser(t, { role: "focal_point", agencyCode: code }));
    }
    values.set("agencyIds", agencyIds);
    if (eachTestAt === undefined) await signInAll();
  });
  if (eachTestAt !== undefined) beforeEach(() => s.at(eachTestAt));
  afterAll(() => (values.get("t") as TestApp | undefined)?.close());
  return s;
}
