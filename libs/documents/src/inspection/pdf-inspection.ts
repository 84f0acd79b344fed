import { inflateSync } from 'node:zlib';

/**
 * Names that make a PDF act rather than show: scripts, launched programs, embedded files, forms
 * that send data, rich media. A case file needs none of them; a PDF carrying one is refused.
 */
const ACTIVE_NAMES = [
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToE',
];
const ACTIVE = new RegExp(`/(${ACTIVE_NAMES.join('|')})(?![A-Za-z0-9])`);

export type PdfFinding =
  | { readonly kind: 'active_content'; readonly name: string }
  | { readonly kind: 'compression_bomb'; readonly inflatedLimit: number }
  | { readonly kind: 'encrypted' };

/**
 * Looks inside a PDF without rendering it: the objects as written, and every Flate stream
 * inflated within a budget (object streams can hide names). A stream that would inflate past the
 * budget is a compression bomb: refused before it costs memory.
 */
export function inspectPdf(bytes: Buffer, inflatedLimit: number): PdfFinding | undefined {
  const raw = bytes.toString('latin1');
  if (/\/Encrypt(?![A-Za-z0-9])/.test(raw)) return { kind: 'encrypted' };
  const found = activeName(raw);
  if (found) return { kind: 'active_content', name: found };
  let budget = inflatedLimit;
  for (const stream of flateStreams(raw)) {
    let inflated: Buffer;
    try {
      inflated = inflateSync(Buffer.from(stream, 'latin1'), { maxOutputLength: budget });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return { kind: 'compression_bomb', inflatedLimit };
      }
      continue; // a damaged stream shows nothing: viewers skip it too
    }
    budget -= inflated.length;
    if (budget <= 0) return { kind: 'compression_bomb', inflatedLimit };
    const inner = activeName(inflated.toString('latin1'));
    if (inner) return { kind: 'active_content', name: inner };
  }
  return undefined;
}

/** PDF names may spell letters as `#xx` (`/J#61vaScript`): decoded before the search. */
function activeName(text: string): string | undefined {
  const decoded = text.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
  return ACTIVE.exec(decoded)?.[1];
}

/** The data of every stream whose dictionary names FlateDecode. */
function* flateStreams(raw: string): Generator<string> {
  const pattern = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(raw)) !== null) {
    const dictionaryStart = raw.lastIndexOf('<<', match.index);
    const dictionary = dictionaryStart >= 0 ? raw.slice(dictionaryStart, match.index) : '';
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) return;
    if (/\/(FlateDecode|Fl)(?![A-Za-z0-9])/.test(dictionary)) yield raw.slice(start, end);
    pattern.lastIndex = end;
  }
}
