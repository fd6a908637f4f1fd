// Every reason Realtime gives a client for a refusal, in one table: `<Code>: <message>` as supabase/realtime words
// it (lib/realtime_web/channels/realtime_channel.ex and friends). Handlers pick an entry; nothing matches text.
import type { InvalidJwtKind } from '../shared/jwt.ts';

export interface Reason {
  code: string;
  message: string;
}

const reason = (code: string, message: string): Reason => ({ code, message });

export const REASONS = {
  /** Phoenix's own reply for a push to a topic the socket has not joined (no code). */
  unmatchedTopic: reason('', 'unmatched topic'),
  topicNameRequired: reason('TopicNameRequired', 'You must provide a topic name'),
  topicTooLong: (maxBytes: number) => reason('TopicNameTooLong', `Topic names may be up to ${maxBytes} bytes`),
  eventTooLong: (maxBytes: number) => reason('EventNameTooLong', `Event names may be up to ${maxBytes} bytes`),
  joinRefRequired: reason('InvalidJoinPayload', 'join_ref is required'),
  joinRateLimit: reason('ClientJoinRateLimitReached', 'Too many joins per second'),
  channelLimit: reason('ChannelRateLimitReached', 'Too many channels'),
  eventRateLimit: reason('ClientEventRateLimitReached', 'Too many messages per second'),
  replayInvalid: reason('UnableToReplayMessages', 'Replay params are not valid'),
  replayPublic: reason('UnableToReplayMessages', 'Replay is not allowed for public channels'),
  replayFailed: reason('UnableToReplayMessages', 'Stored messages could not be replayed'),
  postgresChanges: reason('RealtimeDisabledForConfiguration', 'postgres_changes is not available in the embedded stack; use Broadcast (realtime.send) instead'),
  unauthorized: (topic: string) => reason('Unauthorized', `You do not have permissions to read from this Channel topic: ${topic}`),
  noLongerAuthorized: (topic: string) => reason('Unauthorized', `You no longer have permission to read from this Channel topic: ${topic}`),
  payloadTooLarge: (maxBytes: number) => reason('PayloadSizeExceeded', `Payload size exceeded the limit of ${maxBytes} bytes`),
  presenceTooLarge: (maxBytes: number) => reason('PayloadSizeExceeded', `Track message size exceeded the limit of ${maxBytes} bytes`),
  presenceBudget: reason('PresenceLimitReached', 'Too much presence state is tracked already; untrack something first'),
  presenceNotAllowed: reason('Unauthorized', 'You do not have permissions to track presence on this Channel topic'),
  unknownPresenceEvent: (event: string) => reason('UnknownPresenceEvent', event || 'missing event'),
  presenceNotMap: reason('InvalidPresencePayload', 'Presence track payload must be a map'),
  unknown: reason('UnknownErrorOnChannel', 'Unknown Error on Channel'),
  tokenExpired: (secondsAgo: number) => reason('InvalidJWTToken', `Token has expired ${secondsAgo} seconds ago`),
  malformedToken: reason('MalformedJWT', 'The token provided is not a valid JWT'),
  untrustedKey: reason('JwtSignerError', 'Failed to generate JWT signer, check your JWT secret or JWKS configuration'),
  missingClaims: reason('InvalidJWTToken', 'Fields `role` and `exp` are required in JWT'),
  badSignature: reason('JwtSignatureError', 'Failed to validate JWT signature'),
} as const;

/** How a refused token is worded, by the verifier's kind of failure. */
export function tokenReason(kind: InvalidJwtKind | undefined, secondsSinceExpiry: number): Reason {
  switch (kind) {
    case 'expired':
      return REASONS.tokenExpired(secondsSinceExpiry);
    case 'malformed':
      return REASONS.malformedToken;
    case 'untrusted_key':
      return REASONS.untrustedKey;
    case 'missing_role':
    case 'missing_exp':
      return REASONS.missingClaims;
    default:
      return REASONS.badSignature;
  }
}

/** `<Code>: <message>`, the `reason` of an error reply. */
export function reasonText(value: Reason): string {
  return value.code ? `${value.code}: ${value.message}` : value.message;
}
