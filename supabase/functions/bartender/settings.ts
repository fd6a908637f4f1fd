// The bartender's settings from the environment (locally supabase/functions/.env, hosted: function secrets).
import { positiveIntegerSetting } from '../_shared/rate-limit.ts';

export interface ModelSettings {
  /** An OpenAI-compatible `/v1` base URL (Ollama, llama.cpp server, OpenAI, …). */
  baseUrl: string;
  apiKey: string | null;
  model: string;
  /** Each call to the model gives up after this long, and the whole conversation after totalTimeoutMs. */
  callTimeoutMs: number;
  totalTimeoutMs: number;
  maxToolRounds: number;
}

/** An OpenAI-compatible images API (`POST {baseUrl}/images/generations`) for drink photos. */
export interface ImageSettings {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  timeoutMs: number;
}

export interface BartenderSettings {
  /** null: the house bartender answers alone. */
  model: ModelSettings | null;
  /** null: no picture generation; the host uploads photos. */
  images: ImageSettings | null;
  guestLimit: number;
  barLimit: number;
  limitWindowSeconds: number;
}

/**
 * Defaults: a guest may ask 30 questions per 10 minutes, the whole bar 600 (a 60-guest party chatting
 * away); a local model on a laptop CPU may take a while to read the prompt, so 30 s per call.
 */
export function bartenderSettings(env: (name: string) => string | undefined): BartenderSettings {
  const read = (name: string, fallback: number) => positiveIntegerSetting(name, env(name), fallback);
  const baseUrl = env('BARTENDER_BASE_URL')?.trim().replace(/\/+$/, '');
  const callTimeoutMs = read('BARTENDER_TIMEOUT_SECONDS', 30) * 1000;
  const imagesUrl = env('BARTENDER_IMAGES_URL')?.trim().replace(/\/+$/, '');
  return {
    model: baseUrl
      ? {
          baseUrl,
          apiKey: env('BARTENDER_API_KEY')?.trim() || null,
          model: env('BARTENDER_MODEL')?.trim() || 'llama3.2',
          callTimeoutMs,
          totalTimeoutMs: Math.max(callTimeoutMs, read('BARTENDER_TOTAL_TIMEOUT_SECONDS', 60) * 1000),
          maxToolRounds: Math.min(8, read('BARTENDER_MAX_TOOL_ROUNDS', 4)),
        }
      : null,
    // Generating a 1024² picture takes a while, on a laptop GPU even longer: 60 s by default.
    images: imagesUrl
      ? {
          baseUrl: imagesUrl,
          apiKey: env('BARTENDER_IMAGES_API_KEY')?.trim() || null,
          model: env('BARTENDER_IMAGES_MODEL')?.trim() || 'gpt-image-1',
          timeoutMs: read('BARTENDER_IMAGES_TIMEOUT_SECONDS', 60) * 1000,
        }
      : null,
    guestLimit: read('BARTENDER_GUEST_LIMIT', 30),
    barLimit: read('BARTENDER_BAR_LIMIT', 600),
    limitWindowSeconds: Math.max(1, read('BARTENDER_LIMIT_WINDOW_SECONDS', 600)),
  };
}
