import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { useFilteredPagedList } from "../api/paged.js";
import { formatTime } from "./Badges.js";
import { LogFilter, type LogFilterProps, type LogFilterValues } from "./LogFilter.js";
import { Page, QueryTable } from "./Page.js";

const PAGE_SIZE = 50;

/**
 * A log page (the audit, the access log): its title, the filter line, then the log from `path`,
 * newest first, 50 entries a page; a new filter starts again at page 1. The filter and the page are
 * kept in the address (`/admin/audit?entity=request&entityId=…&page=2`): a link or a reload opens the
 * log filtered at that page. The query key is ["admin", <the path's last segment>]. Each entry's time
 * comes first, then the page's `columns` — or the columns `useColumns` makes of the page's entries
 * (a hook: the audit reads the names its entries mention in one call).
 */
export function LogPage<Entry extends { at: string }>({
  title,
  path,
  filter,
  scrollX,
  columns = [],
  useColumns = () => columns,
}: {
  title: string;
  path: string;
  filter: Omit<LogFilterProps, "onApply" | "values">;
  scrollX: number;
  /** The columns after the entry's time. */
  columns?: ColumnsType<Entry>;
  /** Or a hook making them from the entries shown. */
  useColumns?: (entries: readonly Entry[]) => ColumnsType<Entry>;
}) {
  const { t } = useTranslation();
  const {
    filter: applied,
    applyFilter,
    table,
  } = useFilteredPagedList<Entry, LogFilterValues>(
    ["admin", path.slice(path.lastIndexOf("/") + 1)],
    path,
    PAGE_SIZE,
    {},
    [filter.choice.name, filter.id.name],
  );
  const own = useColumns(table.dataSource);
  return (
    <Page title={title}>
      <LogFilter {...filter} values={applied} onApply={applyFilter} />
      {/* On a phone an entry reads down the screen: its time, then each column as "title: value". */}
      <QueryTable<Entry>
        {...table}
        what={title}
        stacked={{ scrollX }}
        columns={[
          { title: t("log.at"), dataIndex: "at", width: 140, render: (v: string) => formatTime(v) },
          ...own,
        ]}
      />
    </Page>
  );
}
