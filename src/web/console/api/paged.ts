import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, qs } from "./client.js";

/**
 * One page of a paged list (`{ items, total }`) with its page number and the table's pagination;
 * the previous page stays shown while the next one loads. `key` names the list and its filters.
 */
export function usePagedList<T>(key: readonly unknown[], path: string, params: object, pageSize: number) {
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: [...key, page],
    queryFn: ({ signal }) =>
      api<{ items: T[]; total: number }>(`${path}${qs({ ...params, page, pageSize })}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const pagination = {
    current: page,
    pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: false,
    onChange: setPage,
  };
  /** The props of a QueryTable of the page: its rows, loading state and pagination. */
  const table = {
    query: list,
    rowKey: "id",
    loading: list.isFetching,
    dataSource: list.data?.items ?? [],
    pagination,
  };
  return { list, setPage, table };
}

/**
 * A paged list under a filter the user sets (the audit, the access log): a new filter starts again
 * at page 1. `key` names the list; the filter is added to it and sent as query parameters.
 */
export function useFilteredPagedList<T, F extends object>(
  key: readonly unknown[],
  path: string,
  pageSize: number,
  /** Parameters sent with every filter (e.g. the viewer's own agency). */
  fixed: object = {},
) {
  const [filter, setFilter] = useState<Partial<F>>({});
  const { setPage, table } = usePagedList<T>([...key, filter], path, { ...fixed, ...filter }, pageSize);
  const applyFilter = (next: Partial<F>) => {
    setFilter(next);
    setPage(1);
  };
  return { filter, applyFilter, table };
}
