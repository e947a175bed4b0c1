import { createHash } from "node:crypto";
import { AppError } from "../../shared/errors.js";
import { publicStatusLabels, type RequestStatus } from "../../shared/request-status.js";
import { type PublicRequestBody, publicRequestBody } from "../../shared/schemas/requests.js";
import { DAY_MS, formatVnIso, parseIsoInstant } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import { fieldTable } from "../db/repositories/field.repository.js";
import { type ApiKeyRow, findApiKeyByHash, touchApiKey } from "../db/repositories/integration.repository.js";
import {
  closedStatuses,
  findOpen311Request,
  findOpen311Token,
  findPublicIdOfCode,
  listOpen311Requests,
  type Open311RequestRow,
} from "../db/repositories/open311.repository.js";
import type { createPublicRequestService } from "./public-request.service.js";

/** GeoReport v2 (issue 17, INTEGRATIONS.md §5): what the routes serialise as JSON or XML. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: "realtime";
  keywords: string;
  group: string;
}

export interface Open311Request {
  service_request_id: string;
  status: "open" | "closed";
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  description: string | null;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** The form fields of POST requests, as parsed from application/x-www-form-urlencoded. */
export type Open311Form = Record<string, string | string[] | undefined>;

export const hashApiKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

const RECEIVED_NOTICE = "Tổng đài 1022 đã tiếp nhận yêu cầu.";
const MAX_RANGE_DAYS = 90;
const MAX_RESULTS = 1000;
const HOTLINE = "Tổng đài 1022";

/** The one optional attribute every service offers: whether the question may be published. */
const consentAttribute = {
  variable: true,
  code: "publish_consent",
  datatype: "singlevaluelist" as const,
  required: false,
  datatype_description: "yes hoặc no (mặc định: no)",
  order: 1,
  description: "Người yêu cầu đồng ý công khai câu hỏi (không bao giờ công khai danh tính)",
  values: [
    { key: "yes", name: "Đồng ý công khai" },
    { key: "no", name: "Không công khai" },
  ],
};

const bad = (description: string) => new AppError("VALIDATION", description);
const one = (v: string | string[] | undefined): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === "" ? undefined : s.trim();
};

function present(r: Open311RequestRow): Open311Request {
  const closed = (closedStatuses as readonly string[]).includes(r.status);
  const label = publicStatusLabels[r.status as RequestStatus] ?? r.status;
  return {
    service_request_id: r.public_id,
    status: closed ? "closed" : "open",
    // The finer state, and the published answer (already public on the portal).
    status_notes: r.public_answer ? `${label}: ${r.public_answer}` : label,
    service_name: r.field_name,
    service_code: r.field_code,
    description: r.public_question,
    agency_responsible: r.agency_name ?? HOTLINE,
    service_notice: null,
    requested_datetime: formatVnIso(r.received_at),
    updated_datetime: formatVnIso(r.updated_at),
    expected_datetime: null,
    // The location is the requester's address: personal data, never published.
    address: null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

function dateArg(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = parseIsoInstant(value);
  if (!d) throw bad(`${name} không đúng định dạng W3C (ví dụ 2026-03-02T08:00:00+07:00).`);
  return d;
}

/** The Open311 GeoReport v2 server: services are our fields, requests go through the portal's intake. */
export function createOpen311Service(
  ctx: AppContext,
  publicRequests: ReturnType<typeof createPublicRequestService>,
) {
  const { db } = ctx;
  const jurisdiction = new URL(ctx.config.PUBLIC_URL).hostname;

  async function activeFields() {
    return (await fieldTable.list(db)).filter((f) => f.active);
  }

  return {
    jurisdiction,

    /** A jurisdiction_id other than ours is an unknown resource (404). */
    checkJurisdiction(id: string | undefined): void {
      if (id !== undefined && id !== "" && id !== jurisdiction) {
        throw new AppError("NOT_FOUND", `jurisdiction_id không hợp lệ: chỉ phục vụ ${jurisdiction}.`);
      }
    },

    discovery() {
      const url = `${ctx.config.PUBLIC_URL.replace(/\/$/, "")}/open311/v2/`;
      return {
        changeset: "2026-12-01T00:00:00+07:00",
        contact: `${HOTLINE} — ${ctx.config.PUBLIC_URL}`,
        key_service: "Quản trị viên Tổng đài 1022 cấp api_key cho từng hệ thống tích hợp (docs/open311.md).",
        endpoints: [
          {
            specification: "http://wiki.open311.org/GeoReport_v2",
            url,
            changeset: "2026-12-01T00:00:00+07:00",
            type: "production",
            formats: ["application/json", "text/xml"],
          },
        ],
      };
    },

    async services(): Promise<Open311Service[]> {
      return (await activeFields()).map((f) => ({
        service_code: f.code,
        service_name: f.name,
        description: f.description ?? f.name,
        metadata: true,
        type: "realtime" as const,
        keywords: f.name.toLowerCase(),
        group: HOTLINE,
      }));
    },

    async definition(serviceCode: string) {
      const field = (await activeFields()).find((f) => f.code === serviceCode);
      if (!field) throw new AppError("NOT_FOUND", `service_code không tồn tại: ${serviceCode}`);
      return { service_code: field.code, attributes: [consentAttribute] };
    },

    /** The integrator behind an api_key; missing, unknown or revoked → 403. */
    async authenticate(apiKey: string | undefined): Promise<ApiKeyRow> {
      if (!apiKey) throw new AppError("FORBIDDEN", "Thiếu api_key: không thể tạo yêu cầu.");
      const key = await findApiKeyByHash(db, hashApiKey(apiKey));
      if (!key || key.revoked_at) {
        throw new AppError("FORBIDDEN", "api_key không hợp lệ hoặc đã bị thu hồi: không thể tạo yêu cầu.");
      }
      return key;
    },

    /** POST requests: the same intake and rules as the portal form, the integrator recorded. */
    async create(key: ApiKeyRow, form: Open311Form) {
      const serviceCode = one(form.service_code);
      if (!serviceCode) throw bad("Thiếu service_code.");
      const field = (await activeFields()).find((f) => f.code === serviceCode);
      if (!field) throw new AppError("NOT_FOUND", `service_code không tồn tại: ${serviceCode}`);
      const lat = one(form.lat);
      const long = one(form.long);
      const address = one(form.address_string);
      const addressId = one(form.address_id);
      if ((lat === undefined) !== (long === undefined)) throw bad("lat và long phải đi cùng nhau.");
      if (lat !== undefined && long !== undefined) {
        const la = Number(lat);
        const lo = Number(long);
        if (!Number.isFinite(la) || !Number.isFinite(lo) || Math.abs(la) > 90 || Math.abs(lo) > 180) {
          throw bad("lat/long không hợp lệ.");
        }
      }
      if (!lat && !address && !addressId) {
        throw bad("Thiếu vị trí: cần lat và long, hoặc address_string, hoặc address_id.");
      }
      const description = one(form.description);
      if (!description) throw bad("Thiếu description (nội dung yêu cầu).");
      if (description.length > 4000) throw bad("description dài quá 4000 ký tự.");
      if (/<[a-z!/][^>]*>/i.test(description)) throw bad("description không được chứa HTML.");
      const consent = one(form["attribute[publish_consent]"]);
      if (consent !== undefined && consent !== "yes" && consent !== "no") {
        throw bad("attribute[publish_consent] chỉ nhận yes hoặc no.");
      }
      const media = one(form.media_url);
      if (media !== undefined && !/^https?:\/\/\S{1,2000}$/.test(media)) throw bad("media_url không hợp lệ.");
      const where = [address, addressId && `Mã địa chỉ: ${addressId}`, lat && `Toạ độ: ${lat}, ${long}`]
        .filter(Boolean)
        .join("; ");
      const candidate = {
        fullName: [one(form.first_name), one(form.last_name)].filter(Boolean).join(" "),
        phone: one(form.phone) ?? "",
        address: where,
        email: one(form.email),
        content: [description, lat && `Vị trí: ${lat}, ${long}`, media && `Tệp/ảnh: ${media}`]
          .filter(Boolean)
          .join("\n\n"),
        field: field.code,
        publishConsent: consent === "yes",
      };
      // The portal's own schema: the same completeness and format rules as the form (Art. 7).
      const parsed = publicRequestBody.safeParse(candidate);
      if (!parsed.success) {
        const names: Record<string, string> = { fullName: "first_name/last_name", address: "address_string" };
        throw bad(
          parsed.error.issues
            .map((i) => `${names[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`)
            .join("; "),
        );
      }
      const body: PublicRequestBody = parsed.data;
      const answer = await publicRequests.submit(body, [], {
        via: {
          label: `Open311: ${key.name}`,
          origin: { open311: { apiKeyId: key.id, integrator: key.name } },
        },
      });
      const created = { code: answer.replayed ? answer.stored.code : answer.body.code };
      await touchApiKey(db, key.id, ctx.clock.now());
      const publicId = await findPublicIdOfCode(db, created.code);
      return [{ service_request_id: publicId ?? "", service_notice: RECEIVED_NOTICE, account_id: null }];
    },

    /** GET requests: public requests only (the portal's publication rule), no personal data. */
    async list(q: Record<string, string | undefined>): Promise<Open311Request[]> {
      const ids = q.service_request_id
        ?.split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const from = dateArg("start_date", q.start_date);
      const to = dateArg("end_date", q.end_date);
      if (from && to && to < from) throw bad("end_date phải sau start_date.");
      if (from && to && to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
        throw bad(`Khoảng start_date–end_date tối đa ${MAX_RANGE_DAYS} ngày.`);
      }
      const statuses = q.status?.split(",").map((s) => s.trim());
      if (statuses?.some((s) => s !== "open" && s !== "closed")) throw bad("status chỉ nhận open, closed.");
      const now = ctx.clock.now();
      const rows = await listOpen311Requests(db, {
        ids: q.service_request_id !== undefined ? (ids ?? []).slice(0, 100) : undefined,
        serviceCode: q.service_code,
        // Default: the last 90 days (or 90 days around the one date given).
        from: from ?? new Date((to ?? now).getTime() - MAX_RANGE_DAYS * DAY_MS),
        to: to ?? (from ? new Date(from.getTime() + MAX_RANGE_DAYS * DAY_MS) : undefined),
        statuses: statuses as ("open" | "closed")[] | undefined,
        limit: MAX_RESULTS,
      });
      return rows.map(present);
    },

    async find(id: string): Promise<Open311Request[]> {
      const row = await findOpen311Request(db, id);
      if (!row) throw new AppError("NOT_FOUND", "Không tìm thấy yêu cầu (service_request_id) đã công khai.");
      return [present(row)];
    },

    /** We are realtime: a token is the service_request_id a POST returned. */
    async token(token: string) {
      const id = await findOpen311Token(db, token);
      if (!id) throw new AppError("NOT_FOUND", "Không tìm thấy token.");
      return [{ service_request_id: id, token }];
    },
  };
}

export type Open311 = ReturnType<typeof createOpen311Service>;
