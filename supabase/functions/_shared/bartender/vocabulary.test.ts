import assert from 'node:assert/strict';
import { CONCEPT_KEYS, CONCEPTS } from './vocabulary.ts';

Deno.test('the plain taste words (taste-words.ts) name exactly the vocabulary’s concepts, in order', () => {
  assert.deepEqual(
    CONCEPTS.map((item) => item.key).filter((key) => key !== 'neutral'),
    [...CONCEPT_KEYS],
  );
});
