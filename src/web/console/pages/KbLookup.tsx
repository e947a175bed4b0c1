import { Input, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { kbSearchQuery } from "../../../shared/schemas/kb.js";
import { type KbHit, useFields, useKbSearch } from "../api/directory.js";
import { formatTime } from "../components/Badges.js";
import { FieldSelect } from "../components/DirectorySelects.js";
import { useDebounced } from "../components/debounce.js";
import { Page } from "../components/Page.js";
import { Snippet } from "../components/Snippet.js";
import { TypingPanel } from "../components/TypingPanel.js";
import { limitCount } from "../components/zodRule.js";
import { KbEntryDrawer } from "./kb/KbEntryDrawer.js";

/** Fewer letters than this find too much to read ("F0" is two). */
const MIN_LENGTH = 2;
/** The longest query the server takes (kbSearchQuery). */
const QUERY_MAX = limitCount(kbSearchQuery.shape.q).max;
/** A pause in typing this long searches; Enter searches at once. */
const TYPING_PAUSE_MS = 300;

/**
 * Q&A lookup (R-HA1; Art. 10.1: the hotline answers from the Q&A base): every role that reads the
 * base searches the published answers as it types, accent-insensitive on the server, narrowed to a
 * field, and opens one to read or copy it. Each result says whose answer it is and when it last
 * changed, so an operator on the phone judges it without opening it. The query, the field and the
 * open entry live in the address (?q=&field=&id=), so a reload or a shared link shows the same answer.
 */
export default function KbLookup() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const field = params.get("field") ?? undefined;
  const openId = params.get("id") ?? undefined;
  const set = (changes: Record<string, string | undefined>, replace = true) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        for (const [key, value] of Object.entries(changes)) {
          if (value?.trim()) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace },
    );
  // The box holds what is typed; the address follows after a pause. When the address changes
  // otherwise (back, the menu entry again), the box follows it.
  const [text, setText] = useState(q);
  const [seen, setSeen] = useState(q);
  if (q !== seen) {
    setSeen(q);
    setText(q);
  }
  const typed = useDebounced((value: string) => set({ q: value }), TYPING_PAUSE_MS);
  const search = useKbSearch(q, { field, limit: 20, minLength: MIN_LENGTH });
  const hits = search.data ?? [];
  const short = q.trim().length < MIN_LENGTH;
  const fields = useFields();
  const fieldName = new Map((fields.data ?? []).map((f) => [f.code, f.name]));
  const entryLink = (id: string) => {
    const next = new URLSearchParams(params);
    next.set("id", id);
    return `?${next}`;
  };

  return (
    <Page title={t("kbLookup.title")}>
      <div className="kb-lookup-bar">
        <Input.Search
          // The page is opened to look something up: the box takes the keys at once.
          autoFocus
          allowClear
          enterButton
          type="search"
          value={text}
          // Nothing is saved from here: the box keeps the server's limit, and says so once it is reached.
          maxLength={QUERY_MAX}
          showCount={QUERY_MAX !== undefined && text.length >= QUERY_MAX}
          aria-label={t("kbLookup.search")}
          placeholder={t("kbLookup.placeholder")}
          onChange={(e) => {
            setText(e.target.value);
            typed.run(e.target.value);
          }}
          onSearch={(value) => {
            typed.cancel();
            if (value === q) void search.refetch();
            else set({ q: value });
          }}
        />
        <FieldSelect
          value={field}
          onChange={(code) => set({ field: code ?? undefined })}
          aria-label={t("kbLookup.field")}
          placeholder={t("kbLookup.allFields")}
        />
      </div>
      <TypingPanel<KbHit>
        title={
          short || !search.data ? t("kbLookup.results") : t("kbLookup.resultsCount", { count: hits.length })
        }
        hint={short ? t("kbLookup.hint") : undefined}
        query={search}
        items={hits}
        empty={t("kbLookup.empty")}
        renderItem={(hit) => (
          <List.Item>
            <Space direction="vertical" size={2} style={{ width: "100%", minWidth: 0 }}>
              <Link to={entryLink(hit.id)} className="kb-lookup-question">
                {hit.question}
              </Link>
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                <Snippet html={hit.snippet} />
              </Typography.Paragraph>
              <div className="kb-lookup-facts">
                {hit.field && <Tag>{fieldName.get(hit.field) ?? hit.field}</Tag>}
                <Typography.Text type="secondary">
                  {hit.agencyName ?? t("kbLookup.noAgency")} ·{" "}
                  <span className="kb-lookup-time">
                    {t("kbLookup.updatedOn", { time: formatTime(hit.updatedAt) })}
                  </span>
                </Typography.Text>
              </div>
            </Space>
          </List.Item>
        )}
      />
      <KbEntryDrawer id={openId} onClose={() => set({ id: undefined }, false)} />
    </Page>
  );
}
