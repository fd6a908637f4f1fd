// broadcast.replay {since, limit} on private channels: the newest `limit` (1..25) stored broadcasts of the topic
// since `since` (ms since the epoch), oldest first, as hosted Realtime's Realtime.Messages.replay/5 returns them.
// Runs only after the join was authorized to read broadcasts. Also deletes what is past retention.
import type { Sql } from 'postgres';

export interface ReplayRequest {
  since: number;
  limit: number;
}

export interface StoredBroadcast {
  id: string;
  event: string;
  payload: unknown;
}

const HARD_LIMIT = 25;

export async function replayMessages(sql: Sql, topic: string, request: ReplayRequest): Promise<StoredBroadcast[]> {
  const limit = Math.max(1, Math.min(request.limit, HARD_LIMIT));
  const rows = await sql<StoredBroadcast[]>`
    select id, coalesce(event, '') as event, coalesce(payload, '{}'::jsonb) as payload
    from realtime.messages
    where topic = ${topic} and private and extension = 'broadcast'
      and inserted_at >= (to_timestamp(${request.since}::double precision / 1000) at time zone current_setting('TimeZone'))
    order by inserted_at desc
    limit ${limit}`;
  return rows.reverse();
}

/** Deletes stored messages older than `retentionMs` (hosted keeps 72 h of daily partitions). */
export async function deleteOldMessages(sql: Sql, retentionMs: number): Promise<number> {
  const result = await sql`delete from realtime.messages where inserted_at < now() - make_interval(secs => ${retentionMs / 1000})`;
  return result.count;
}
