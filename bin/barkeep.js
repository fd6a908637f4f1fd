#!/usr/bin/env node
// Entry point of the `barkeep` CLI. The embedded stack is TypeScript; tsx loads it without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../supabase/local/cli/main.ts');
