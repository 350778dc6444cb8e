import { tooManyChars, type DocumentLimits } from './limits';
import { normalizeWhitespace } from './normalize';
import { firstElementText, part, relationshipsOf, requiredPart } from './package-parts';
import { ExtractionError, type ExtractedContent, type PageStart, type TextSection } from './types';
import { walkXml, type XmlSource } from './xml';
import { openZip, type ZipArchive } from './zip';

const DAMAGED = 'This PowerPoint presentation is damaged and cannot be read; open it in a presentation program, save a new copy and upload that.';
const PRESENTATION = 'ppt/presentation.xml';
// Placeholders whose text is the slide's furniture, not its content.
const FURNITURE = new Set(['sldNum', 'dt', 'ftr', 'hdr', 'sldImg']);
const TITLES = new Set(['title', 'ctrTitle']);
const SEPARATOR = '\n\n';

interface SlideText {
  paragraphs: string[];
  title: string | null;
}

/** The text of a slide or notes page: one line per paragraph, shape by shape, furniture left out. */
function shapeText(source: XmlSource): SlideText {
  const paragraphs: string[] = [];
  let title: string | null = null;
  let placeholder: string | null = null;
  let paragraph: string | null = null;
  let inText = false;
  walkXml(source, {
    open(name, attributes) {
      if (name === 'sp' || name === 'graphicFrame') placeholder = null;
      else if (name === 'ph') placeholder = attributes.type ?? 'body';
      else if (name === 'p') paragraph = '';
      else if (name === 't') inText = true;
      else if (name === 'br' && paragraph !== null) paragraph += '\n';
    },
    text(text) {
      if (inText && paragraph !== null) paragraph += text;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'p' && paragraph !== null) {
        const line = paragraph.trim();
        if (line && !FURNITURE.has(placeholder ?? '')) {
          paragraphs.push(line);
          if (placeholder && TITLES.has(placeholder)) title ??= line;
        }
        paragraph = null;
      }
    },
  });
  return { paragraphs, title };
}

/** The slides' part names in the order the presentation shows them. */
function slideOrder(zip: ZipArchive): string[] {
  const relationships = relationshipsOf(zip, PRESENTATION);
  const slides: string[] = [];
  walkXml(requiredPart(zip, PRESENTATION, DAMAGED), {
    open(name, attributes) {
      const target = name === 'sldId' ? relationships.get(attributes['r:id'] ?? '')?.target : undefined;
      if (target) slides.push(target);
    },
  });
  return slides;
}

function notesOf(zip: ZipArchive, slide: string): string[] {
  const notes = [...relationshipsOf(zip, slide).values()].find((relationship) => relationship.type.endsWith('/notesSlide'));
  const source = notes ? part(zip, notes.target) : null;
  return source ? shapeText(source).paragraphs : [];
}

/**
 * One section per slide, `## Slide n` followed by its text and then its speaker notes; the slide number is kept
 * as the "page" of its chunks, so citations can point at the slide. Slides without text are left out.
 */
export function extractPptx(bytes: Uint8Array, limits: DocumentLimits): ExtractedContent {
  const zip = openZip(bytes);
  const slides = slideOrder(zip);
  const parts: string[] = [];
  const pageStarts: PageStart[] = [];
  const sections: TextSection[] = [];
  let firstTitle: string | null = null;
  let offset = 0;
  slides.forEach((path, index) => {
    const source = part(zip, path);
    if (!source) return;
    const slide = shapeText(source);
    const notes = notesOf(zip, path);
    if (slide.paragraphs.length === 0 && notes.length === 0) return;
    firstTitle ??= slide.title;
    const heading = `## Slide ${index + 1}`;
    const body = normalizeWhitespace(
      [slide.paragraphs.join('\n'), notes.length > 0 ? `Speaker notes:\n${notes.join('\n')}` : ''].filter(Boolean).join(SEPARATOR),
    );
    const text = `${heading}\n\n${body}`;
    if (offset + text.length > limits.maxChars) throw new ExtractionError(tooManyChars(limits));
    pageStarts.push({ page: index + 1, start: offset });
    sections.push({ start: offset, end: offset + text.length, headerEnd: offset + heading.length });
    parts.push(text);
    offset += text.length + SEPARATOR.length;
  });
  const title = firstElementText(part(zip, 'docProps/core.xml'), 'title') ?? firstTitle;
  return { text: parts.join(SEPARATOR), title, pageCount: slides.length, pageStarts, sections };
}
