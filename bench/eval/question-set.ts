/**
 * A question set for the retrieval evaluation: questions someone else wrote, each with the passage that answers
 * it. The passages are what gets ingested, the questions are what gets asked; a question's text never appears
 * in the corpus (cross-references that quote another question's title are cut from the passages).
 */
export interface AnswerPassage {
  /** Where the pair comes from, e.g. "debian-faq §7.12": the document's title, which names no question. */
  id: string;
  question: string;
  answer: string;
}

export interface QuestionSet {
  name: string;
  /** The Debian package that ships it, installed by scripts/install-eval-deps.sh. */
  debianPackage: string;
  description: string;
  pairs: AnswerPassage[];
}

// An answer this short is a pointer elsewhere ("See the next section."), not a passage anyone could retrieve.
export const MIN_ANSWER_WORDS = 15;

export const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
