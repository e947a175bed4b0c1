import type { TableProps } from "antd";
import { Link } from "react-router";
import { SectionCard } from "../../components/Page.js";
import { StackedTable } from "../../components/StackedTable.js";

/**
 * A list of the board: its title with the count, a small table paged only past `pageSize` rows;
 * on a phone its columns read down the screen (StackedTable).
 */
export function BoardSection<T extends object>({
  title,
  rows,
  pageSize,
  ...table
}: Omit<TableProps<T>, "dataSource" | "pagination" | "size" | "title" | "scroll"> & {
  title: string;
  rows: T[];
  pageSize: number;
}) {
  return (
    <SectionCard title={`${title} (${rows.length})`}>
      <StackedTable<T>
        dataSource={rows}
        pagination={rows.length > pageSize ? { pageSize } : false}
        {...table}
      />
    </SectionCard>
  );
}

/** A request's code that opens the request. */
export const RequestLink = ({ code, id }: { code: string; id: string }) => (
  <Link to={`/requests/${id}`}>{code}</Link>
);
