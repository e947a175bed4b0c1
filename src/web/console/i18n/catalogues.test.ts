import { readdirSync, readFileSync } from "node:fs";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { completenessLabels } from "../../../shared/completeness.js";
import { personalDataKindLabels } from "../../../shared/personal-data.js";
import { dataRequestKindLabels } from "../../../shared/schemas/data-rights.js";
import { antdVi } from "../antd-locale.js";
import { en, enAreas } from "./en/index.js";
import { vi, viAreas } from "./vi/index.js";

/** Every leaf key of a catalogue as a dotted path ("desk.title"). */
function leafKeys(node: object, prefix = ""): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? leafKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** Every leaf value of a catalogue, in the order of its keys. */
function leafValues(catalogue: object): unknown[] {
  return leafKeys(catalogue).map((path) =>
    path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalogue),
  );
}

/**
 * The words written with both tone placements ("xóa" and "xoá", "hủy" and "huỷ"): the mark on the
 * first vowel of an open oa, oe or uy, and on the second.
 */
function bothWays(values: string[]): string[] {
  const words = new Set(values.flatMap((v) => v.toLowerCase().match(/\p{L}+/gu) ?? []));
  const moved = (word: string) =>
    word
      .normalize("NFD")
      .replace(/^(.*?)([ou])(\p{M}+)([aey])$/u, "$1$2$4$3")
      .normalize("NFC");
  return [...words].filter((w) => moved(w) !== w && words.has(moved(w)));
}

/**
 * The words with the tone mark on the first vowel of an open oa, oe or uy («xóa», «hủy», «tùy»,
 * «phong tỏa»), where the codebase writes it on the second («xoá», «huỷ», «tuỳ», «phong toả»).
 */
function markOnFirstVowel(values: string[]): string[] {
  const words = new Set(values.flatMap((v) => v.match(/\p{L}+/gu) ?? []));
  return [...words].filter((w) =>
    /(o[\u0300\u0301\u0303\u0309\u0323][ae]|u[\u0300\u0301\u0303\u0309\u0323]y)$/iu.test(w.normalize("NFD")),
  );
}

describe("console catalogues", () => {
  it("vi and en have the same keys, and every value is a non-empty string", () => {
    expect(leafKeys(en).sort()).toEqual(leafKeys(vi).sort());
    for (const catalogue of [vi, en]) {
      const values = leafValues(catalogue);
      expect(values.filter((v) => typeof v !== "string" || v.trim() === "")).toEqual([]);
    }
  });

  it("says one thing one way in Vietnamese: «khoá», «xoá», «Tất cả …» for every one, «Mã» for a request's code", () => {
    // Thirty-fourth session: «khóa» and «khoá» (the catalogues' more frequent spelling) both, the Q&A
    // filters' «Mọi lĩnh vực» beside «Tất cả» elsewhere, and the board's «Mã yêu cầu» over one table
    // and «Mã» over the next for the same code.
    const values = leafValues(vi).map(String);
    expect(values.filter((v) => /khóa/i.test(v))).toEqual([]);
    // Thirty-fifth session: «Xóa» and «Xoá» both; no word is written with both tone placements.
    expect(values.filter((v) => /xóa/i.test(v))).toEqual([]);
    expect(bothWays(values)).toEqual([]);
    // Thirty-sixth session: none the other way either, here, in the labels the console takes from
    // src/shared, and in antd's own strings (its Popconfirm said «Hủy» beside the catalogue's «Huỷ»).
    expect(markOnFirstVowel(values)).toEqual([]);
    expect(
      markOnFirstVowel([...Object.values(dataRequestKindLabels), ...Object.values(personalDataKindLabels)]),
    ).toEqual([]);
    expect(markOnFirstVowel(leafValues(antdVi).filter((v) => typeof v === "string"))).toEqual([]);
    expect(values.filter((v) => /^Mọi \S+( \S+)?$/.test(v))).toEqual([]); // a filter's "all", not a sentence
    expect(vi.board.code).toBe(vi.request.code);
  });

  it("writes a limit of thousands as each language does (thirty-fifth session: «Tối đa 5000 ký tự»)", async () => {
    const t = i18next.createInstance();
    await t.init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng: "vi" });
    expect(t.t("notes.tooLong", { max: 5000 })).toBe("Tối đa 5.000 ký tự");
    expect(t.t("notes.tooLong", { max: 5000, lng: "en" })).toBe("At most 5,000 characters");
  });

  it("no two feature areas define the same top-level key (merging would lose one)", () => {
    for (const areas of [viAreas, enAreas]) {
      const owners = new Map<string, string[]>();
      for (const [area, strings] of Object.entries(areas)) {
        for (const key of Object.keys(strings)) owners.set(key, [...(owners.get(key) ?? []), area]);
      }
      expect([...owners].filter(([, areasOfKey]) => areasOfKey.length > 1)).toEqual([]);
    }
    expect(Object.keys(viAreas)).toEqual(Object.keys(enAreas));
  });

  it("takes the Art. 7 completeness labels from src/shared (one source with the server)", () => {
    expect(vi.completeness).toBe(completenessLabels);
  });

  it("keeps the keys the console had before the split into areas", () => {
    // A sample from every former catalogue file (vi.ts, vi-more.ts).
    const keys = leafKeys(vi);
    for (const key of [
      "app.skip",
      "nav.audit",
      "desk.shortcutList",
      "completeness.missing_field",
      "inbox.select",
      "board.drill",
      "request.actions",
      "action.forward",
      "status.published",
      "channel.zalo",
      "role.coordinator",
      "slipStatus.returned",
      "admin.weekdays.sunday",
      "channels.key.smtpUrl",
      "audit.entities.channel",
      "kbMine.statuses.archived",
      "outbox.kinds.refused",
      "attachments.download",
      "editRequest.noField",
      "eventKinds.edited",
      "resetPassword.done",
    ]) {
      expect(keys).toContain(key);
    }
  });

  it("names every Q&A-base and user event the server writes to the audit log", () => {
    // Sixteenth session: "kb_entry.proposed" showed as a raw code, and "kb_entry.published" or
    // "kb_entry.edited" borrowed a request's words ("Đã công khai kết quả", "Sửa thông tin yêu cầu").
    const services = ["kb-workflow.service.ts", "kb-review.ts", "kb-import.service.ts", "user.service.ts"];
    const written = services.flatMap((file) => [
      ...readFileSync(new URL(`../../../server/services/${file}`, import.meta.url), "utf8").matchAll(
        /"(kb_entry|user)\.([a-z_]+)"/g,
      ),
    ]);
    const kinds = vi.worklist.auditKinds as Record<string, Record<string, string> | string>;
    const unnamed = written
      .filter(([, , action]) => action !== "manage") // a permission's name, not an event
      .filter(([, entity = "", action = ""]) => {
        const named = kinds[entity];
        return typeof named !== "object" || !named[action];
      })
      .map(([kind]) => kind);
    expect(unnamed).toEqual([]);
    expect(written.length).toBeGreaterThan(10);
  });

  it("names every entity the server writes to the audit log, and the mass events' and calls' kinds", () => {
    // 6 Dec 2026 walk: the coordinator's audit log showed «mass_event» and «mass_event.created» raw.
    const dir = new URL("../../../server/services/", import.meta.url);
    const sources = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
      .map((file) => readFileSync(new URL(file, dir), "utf8"));
    const entities = new Set(
      sources.flatMap((text) => [...text.matchAll(/entity: "([a-z_]+)"/g)].map((m) => m[1])),
    );
    expect(entities).toContain("mass_event");
    const labels = vi.audit.entities as Record<string, string>;
    expect([...entities].filter((e) => e && !labels[e])).toEqual([]);
    const kinds = vi.worklist.auditKinds as Record<string, Record<string, string> | string>;
    const massEvent = readFileSync(new URL("mass-event.service.ts", dir), "utf8");
    const written = [...massEvent.matchAll(/"mass_event\.([a-z_]+)"/g)].map((m) => m[1] ?? "");
    expect(written.filter((action) => action !== "manage").sort()).toEqual([
      "cancelled",
      "created",
      "updated",
    ]);
    const named = kinds.mass_event;
    expect(written.filter((a) => a !== "manage" && (typeof named !== "object" || !named[a]))).toEqual([]);
    expect(kinds.call_transfer_requested).toBeTypeOf("string");
    expect(kinds.call_back_requested).toBeTypeOf("string");
  });
});
