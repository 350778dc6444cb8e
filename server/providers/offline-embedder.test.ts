import { cosineSimilarity, embed, embedMany } from 'ai';
import { describe, expect, it } from 'vitest';
import {
  OFFLINE_EMBEDDING_DIMENSIONS,
  createOfflineEmbeddingModel,
  embedTextOffline,
} from './offline-embedder';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
const similarity = (a: string, b: string) =>
  cosineSimilarity(Array.from(embedTextOffline(a)), Array.from(embedTextOffline(b)));

describe('embedTextOffline', () => {
  it('is deterministic, unit-length and has the advertised dimensions', () => {
    const text = 'The XK-2041 router supports WPA3 and mesh networking.';
    const a = embedTextOffline(text);
    expect(a).toHaveLength(OFFLINE_EMBEDDING_DIMENSIONS);
    expect(Array.from(embedTextOffline(text))).toEqual(Array.from(a));
    expect(norm(a)).toBeCloseTo(1, 10);
  });

  it('returns a valid deterministic unit vector for empty or stopword-only text', () => {
    for (const text of ['', '   ', 'the and of to', '!!! ???']) {
      const v = embedTextOffline(text);
      expect(v).toHaveLength(OFFLINE_EMBEDDING_DIMENSIONS);
      expect(Array.from(v).every(Number.isFinite)).toBe(true);
      expect(norm(v)).toBeCloseTo(1, 10);
      expect(Array.from(v)).toEqual(Array.from(embedTextOffline(text)));
    }
  });

  it('places related texts closer than unrelated ones', () => {
    const query = 'How do I reset the router password?';
    const related = similarity(query, 'To reset your router password, hold the reset button for ten seconds.');
    const paraphrase = similarity(query, 'Router passwords can be changed in the admin panel.');
    const unrelated = similarity(query, 'Quarterly revenue grew by twelve percent in Europe.');
    expect(related).toBeGreaterThan(paraphrase);
    expect(paraphrase).toBeGreaterThan(unrelated);
    expect(unrelated).toBeLessThan(0.2);
  });

  it('matches inflected forms through stemming', () => {
    expect(similarity('configuring invoices', 'Invoices are configured per account.')).toBeGreaterThan(
      similarity('configuring invoices', 'Shipping labels are printed per warehouse.'),
    );
  });

  it('ranks the chunk containing an exact product code first', () => {
    const chunks = [
      'The XK-2042 is our entry-level router with two antennas.',
      'The XJ-2041 switch ships with eight gigabit ports.',
      'Routers in the XK series share a common firmware image.',
      'The XK-2041 router includes a three-year warranty and mesh support.',
      'Warranty claims for any router must include the serial number.',
    ];
    const query = embedTextOffline('XK-2041 warranty');
    const scores = chunks.map((c) => cosineSimilarity(Array.from(query), Array.from(embedTextOffline(c))));
    const best = scores.indexOf(Math.max(...scores));
    expect(chunks[best]).toContain('XK-2041');
  });

  it('handles large and non-Latin input', () => {
    const big = embedTextOffline('Lorem ipsum dolor sit amet, XK-2041 configuration. '.repeat(20_000));
    expect(norm(big)).toBeCloseTo(1, 10);
    expect(similarity('東京タワーの高さ', '東京タワーの高さは333メートルです')).toBeGreaterThan(
      similarity('東京タワーの高さ', 'Bananas are rich in potassium.'),
    );
  });
});

describe('createOfflineEmbeddingModel with the AI SDK', () => {
  const model = createOfflineEmbeddingModel();

  it('works with embedMany and embed', async () => {
    const values = ['first document about routers', 'second document about bananas', ''];
    const { embeddings, usage } = await embedMany({ model, values });
    expect(embeddings).toHaveLength(3);
    embeddings.forEach((e, i) => {
      expect(e).toHaveLength(OFFLINE_EMBEDDING_DIMENSIONS);
      expect(e).toEqual(Array.from(embedTextOffline(values[i]!)));
    });
    expect(usage.tokens).toBe(8);

    const { embedding } = await embed({ model, value: 'first document about routers' });
    expect(embedding).toEqual(embeddings[0]);
  });

  it('splits calls above maxEmbeddingsPerCall transparently', async () => {
    const values = Array.from({ length: 2050 }, (_, i) => `chunk number ${i}`);
    const { embeddings } = await embedMany({ model, values });
    expect(embeddings).toHaveLength(2050);
    expect(embeddings[2049]).toEqual(Array.from(embedTextOffline('chunk number 2049')));
  });
});
