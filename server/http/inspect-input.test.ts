import { describe, expect, it } from 'vitest';
import { assertCleanInput, assertCleanQuery, inputProblem, MAX_JSON_DEPTH } from './inspect-input';

const nested = (depth: number) => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

describe('input inspection', () => {
  it('names the field holding a NUL, in strings and keys alike', () => {
    expect(inputProblem({ title: 'ok', config: { items: ['fine', 'bad\u0000'] } })).toEqual({
      field: 'config.items.1',
      message: 'must not contain NUL characters (\\u0000)',
    });
    expect(inputProblem({ metadata: { 'k\u0000': 1 } })).toMatchObject({ field: 'metadata' });
    expect(inputProblem('\u0000')).toMatchObject({ field: null });
    expect(inputProblem({ text: 'A normal text, with ünïcödé and \t tabs.' })).toBeNull();
  });

  it('refuses nesting past the limit, however deep, without overflowing the stack', () => {
    expect(inputProblem(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(inputProblem(nested(MAX_JSON_DEPTH + 1))).toMatchObject({ message: `is nested more than ${MAX_JSON_DEPTH} levels deep` });
    const hostile = JSON.parse('['.repeat(200_000) + ']'.repeat(200_000));
    expect(inputProblem(hostile)).toMatchObject({ message: expect.stringContaining('nested') });
  });

  it('throws the original service’s 422', () => {
    expect(() => assertCleanInput({ name: 'x\u0000' })).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', status: 422 }));
    expect(() => assertCleanQuery(new URL('http://x/documents?vault_id=%00'))).toThrow(expect.objectContaining({ status: 422 }));
    expect(() => assertCleanQuery(new URL('http://x/documents?vault_id=abc'))).not.toThrow();
  });
});
