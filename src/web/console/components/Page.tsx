import { Button, Card, type CardProps, Space, Table, type TableProps, Typography } from "antd";
import type { ReactNode } from "react";
import { ScrollStop } from "./ScrollStop.js";
import { StackedTable, type Stacking } from "./StackedTable.js";
import { ErrorState } from "./States.js";

/**
 * The frame of a work page: its one level-1 heading, the page's own controls on the right of it
 * (wrapping under it on a narrow screen), then the content stacked.
 */
export function Page({
  title,
  extra,
  children,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  const heading = (
    <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
      {title}
    </Typography.Title>
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      {extra === undefined ? (
        heading
      ) : (
        <Space style={{ justifyContent: "space-between", width: "100%" }} wrap>
          {heading}
          {extra}
        </Space>
      )}
      {children}
    </Space>
  );
}

/** A small card headed by a level-2 heading (a section under the page title). */
export function SectionCard({ title, ...card }: Omit<CardProps, "title" | "size"> & { title: ReactNode }) {
  return <Card size="small" title={<h2 className="card-title">{title}</h2>} {...card} />;
}

/** A panel of a request's page: a small card named by its title (for screen readers too), its parts stacked. */
export function StackCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} aria-label={title}>
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        {children}
      </Space>
    </Card>
  );
}

/**
 * A table's or list's empty text (`locale`) in a readable grey: antd's default placeholder grey is
 * below WCAG contrast.
 */
export const readableEmpty = (text: ReactNode) => ({
  emptyText: <span style={{ color: "#595959" }}>{text}</span>,
});

/** What QueryTable needs of a TanStack query: its failure and a way to try again. */
interface Failable {
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** A small table's props; with `stacked`, its rows read down the screen on a phone (StackedTable). */
type SmallTableProps<T> = TableProps<T> & { stacked?: true | Stacking };

function SmallTable<T extends object>({ stacked, ...table }: SmallTableProps<T>) {
  if (stacked === undefined)
    return (
      <ScrollStop>
        <Table<T> size="small" {...table} />
      </ScrollStop>
    );
  return <StackedTable<T> {...table} {...(stacked === true ? {} : stacked)} />;
}

/** A small table of a query's rows, or the query's error with a retry in its place. */
export function QueryTable<T extends object>({
  query,
  what,
  ...table
}: SmallTableProps<T> & { query: Failable; what: string }) {
  if (query.isError)
    return <ErrorState error={query.error} what={what} onRetry={() => void query.refetch()} />;
  return <SmallTable<T> {...table} />;
}

type ListTableProps<T> = Omit<SmallTableProps<T>, "dataSource" | "loading" | "locale"> & {
  query: Failable & { isPending: boolean };
  rows: T[] | undefined;
  what: string;
  empty: string;
  /** Shows `what` above the table as a level-2 heading. */
  titled?: boolean;
};

/**
 * The table of a whole list a query loads (`rows`, once loaded): a spinner while it loads, `empty`
 * in readable grey when there is nothing, no pages unless `pagination` says otherwise, and the
 * query's error with a retry in its place.
 */
export function ListTable<T extends object>({ query, rows, empty, titled, ...table }: ListTableProps<T>) {
  return (
    <QueryTable<T>
      query={query}
      rowKey="id"
      loading={query.isPending}
      dataSource={rows ?? []}
      pagination={false}
      locale={readableEmpty(empty)}
      title={titled ? () => <h2 className="card-title">{table.what}</h2> : undefined}
      {...table}
    />
  );
}

/**
 * A section holding one list a query loads: a card (a landmark) headed by the list's name, a button
 * for the list's one action (add, issue) on the right, the list's table, then whatever opens from it.
 */
export function ListSection<T extends object>({
  action,
  children,
  query,
  ...table
}: Omit<ListTableProps<T>, "rows" | "query"> & {
  /** The list's query, answered with its rows. */
  query: ListTableProps<T>["query"] & { data: T[] | undefined };
  action: { label: string; onClick: () => void };
  children?: ReactNode;
}) {
  return (
    <SectionCard
      role="region"
      aria-label={table.what}
      title={table.what}
      extra={
        <Button type="primary" onClick={action.onClick}>
          {action.label}
        </Button>
      }
    >
      <ListTable<T> query={query} rows={query.data} {...table} />
      {children}
    </SectionCard>
  );
}

/** A small table that shows all its rows (no pages). */
export function PlainTable<T extends object>(table: SmallTableProps<T>) {
  return <SmallTable<T> pagination={false} {...table} />;
}
