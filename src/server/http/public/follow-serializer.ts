import { serializerCompiler } from "fastify-type-provider-zod";
import { isoInstant } from "../../../shared/schemas/common.js";
import { channelSchema, statusSchema } from "../../../shared/schemas/request-common.js";
import { publicRequestCreated, publicRequestView } from "../../../shared/schemas/requests.js";

/**
 * The follow answer's serializer (issue 16; the portal submission's 201 likewise, `created`): the same bytes as the Zod serializer — a full
 * `encode` of the answer, then `JSON.stringify` — for about a third of its CPU (bench/portal,
 * docs/portal.md, fifth round). The answer is checked field by field against
 * `publicRequestView`, copied into a new object in the schema's key order (unknown keys left out,
 * as Zod does) and stringified once. The checks are never looser than Zod's: anything they do not
 * accept — a wrong type, an unknown status, a malformed instant — goes to the Zod serializer, which
 * fails exactly as before (500). `follow-serializer.test.ts` compares the bytes on every shape.
 */
const statuses = new Set<unknown>(statusSchema.options);
const channelsSet = new Set<unknown>(channelSchema.options);
/** The very pattern Zod checks `isoInstant` with. */
const instantPattern = isoInstant.def.pattern;
if (!instantPattern) throw new Error("isoInstant has no pattern to check instants with");

class Refused extends Error {}
const refuse = (): never => {
  throw new Refused();
};
const str = (v: unknown): string => (typeof v === "string" ? v : refuse());
const strOrNull = (v: unknown): string | null => (v === null ? null : str(v));
const bool = (v: unknown): boolean => (typeof v === "boolean" ? v : refuse());
const int = (v: unknown): number => (typeof v === "number" && Number.isSafeInteger(v) ? v : refuse());
const instant = (v: unknown): string => (instantPattern.test(str(v)) ? (v as string) : refuse());
const instantOrNull = (v: unknown): string | null => (v === null ? null : instant(v));
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : refuse();
const list = <T>(v: unknown, item: (x: unknown) => T): T[] => (Array.isArray(v) ? v.map(item) : refuse());
const member = (set: Set<unknown>, v: unknown): string => (set.has(v) ? (v as string) : refuse());

function attachment(v: unknown) {
  const a = obj(v);
  return {
    id: str(a.id),
    filename: str(a.filename),
    mimeType: str(a.mimeType),
    sizeBytes: int(a.sizeBytes),
    url: str(a.url),
  };
}

function answer(v: unknown) {
  if (v === null) return null;
  const a = obj(v);
  return {
    text: str(a.text),
    agency: strOrNull(a.agency),
    publishedAt: instantOrNull(a.publishedAt),
    attachments: list(a.attachments, attachment),
  };
}

function conversation(v: unknown) {
  const c = obj(v);
  return {
    messages: list(c.messages, (m) => {
      const x = obj(m);
      return {
        direction: x.direction === "in" || x.direction === "out" ? x.direction : refuse(),
        from: str(x.from),
        body: str(x.body),
        at: instant(x.at),
      };
    }),
    awaitingReply: bool(c.awaitingReply),
    replyToken: strOrNull(c.replyToken),
  };
}

function feedback(v: unknown) {
  const f = obj(v);
  const given = f.given === null ? null : obj(f.given);
  return {
    open: bool(f.open),
    given:
      given === null
        ? null
        : { resolved: bool(given.resolved), rating: int(given.rating), at: instant(given.at) },
    token: strOrNull(f.token),
  };
}

/** The answer in `publicRequestView`'s shape and key order, or a `Refused` throw. */
function view(data: unknown) {
  const v = obj(data);
  return {
    code: str(v.code),
    status: member(statuses, v.status),
    statusText: str(v.statusText),
    receivedAt: instant(v.receivedAt),
    channel: member(channelsSet, v.channel),
    field: strOrNull(v.field),
    history: list(v.history, (h) => {
      const x = obj(h);
      return { at: instant(x.at), text: str(x.text) };
    }),
    appointmentAt: instantOrNull(v.appointmentAt),
    agency: strOrNull(v.agency),
    merged: bool(v.merged),
    answer: answer(v.answer),
    conversation: conversation(v.conversation),
    feedback: feedback(v.feedback),
  };
}

/** The portal submission's 201 (bench/intake) in `publicRequestCreated`'s shape, or a `Refused` throw. */
function created(data: unknown) {
  const v = obj(data);
  return {
    code: str(v.code),
    status: v.status === "received" ? "received" : refuse(),
    receipt: str(v.receipt),
  };
}

/** The answers written by a checked copy instead of Zod's `encode`, by their response schema. */
const checkedViews = new Map<unknown, (data: unknown) => unknown>([
  [publicRequestView, view],
  [publicRequestCreated, created],
]);

/**
 * The app's serializer compiler: the follow answer and the submission's 201 fast, every other
 * schema as before (Zod); an answer a check refuses goes to Zod too, which fails as before.
 */
export const appSerializerCompiler: typeof serializerCompiler = (route) => {
  const zod = serializerCompiler(route);
  const check = checkedViews.get(route.schema);
  if (!check) return zod;
  return (data: unknown) => {
    let checked: unknown;
    try {
      checked = check(data);
    } catch (error) {
      if (error instanceof Refused) return zod(data);
      throw error;
    }
    return JSON.stringify(checked);
  };
};
