import { useRouteStore } from '../../stores/route-store';
import { useSqlStore } from '../sql/sql-store';

/** Hands a statement to the SQL page and goes there. */
export function openInSqlEditor(sql: string): void {
  useSqlStore.getState().setSql(sql);
  useRouteStore.getState().navigate('sql');
}
