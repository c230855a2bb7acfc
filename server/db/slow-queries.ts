// SLOW_QUERY_MS: Kysely's log hook that writes each query slower than the limit to stderr with
// its SQL, the same on both databases.
import type { LogEvent } from 'kysely';

export function slowQueryLog(slowQueryMs: number | undefined): ((event: LogEvent) => void) | undefined {
  if (slowQueryMs === undefined) return undefined;
  return (event) => {
    if (event.level === 'query' && event.queryDurationMillis >= slowQueryMs) {
      console.error(`langsom forespørgsel ${event.queryDurationMillis.toFixed(1)} ms: ${event.query.sql}`);
    }
  };
}
