/**
 * The floor: textbook Okapi BM25 (Robertson et al.; k1 = 1.2, b = 0.75, Lucene's non-negative idf) over the
 * same chunks Docent stored, computed in this process. Words are lowercased runs of letters and digits, with
 * no stemming and no stop list: the 30-line BM25 anyone would write first.
 */
const K1 = 1.2;
const B = 0.75;

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

export interface Bm25Document {
  id: string;
  text: string;
}

export class Bm25Index {
  private readonly termFrequencies: Array<Map<string, number>>;
  private readonly lengths: number[];
  private readonly averageLength: number;
  private readonly documentFrequency = new Map<string, number>();

  constructor(private readonly documents: Bm25Document[]) {
    this.termFrequencies = documents.map((d) => {
      const tf = new Map<string, number>();
      for (const w of words(d.text)) tf.set(w, (tf.get(w) ?? 0) + 1);
      for (const w of tf.keys()) this.documentFrequency.set(w, (this.documentFrequency.get(w) ?? 0) + 1);
      return tf;
    });
    this.lengths = documents.map((d) => words(d.text).length);
    this.averageLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, documents.length);
  }

  /** The ids of the k best documents for `query`, best first (documents matching no word are left out). */
  search(query: string, k: number): string[] {
    const n = this.documents.length;
    const terms = [...new Set(words(query))];
    const scored: Array<{ id: string; score: number }> = [];
    this.documents.forEach((document, i) => {
      let score = 0;
      for (const term of terms) {
        const tf = this.termFrequencies[i]!.get(term);
        if (!tf) continue;
        const df = this.documentFrequency.get(term)!;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.lengths[i]!) / this.averageLength));
      }
      if (score > 0) scored.push({ id: document.id, score });
    });
    return scored
      .sort((a, b) => b.score - a.score)
      .slice(0, k)
      .map((s) => s.id);
  }
}
