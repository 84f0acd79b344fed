/**
 * Text that looks like one thing and is another (R9, hostile Unicode), checked on every JSON body
 * once parsed, before any validator sees it:
 * - a lone surrogate (half of a UTF-16 pair, not a character), C0/C1 control characters other than
 *   tab and line breaks, and bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 *   U+2066–U+2069: "Trojan Source") are refused in every field;
 * - identity fields (everything under `person`) refuse tabs and line breaks too;
 * - every string is normalised to NFC, so "é" typed as one code point or as "e" + accent is one name
 *   (same blind index, same search, same fingerprint).
 */

/** A refused string: where it is (`person.givenName`, `reasons[0]`) and why. */
export interface TextProblem {
  readonly field: string;
  readonly problem: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_OR_TAB = /[\t\n\r\u2028\u2029]/;

/** Fields holding who the person is: under `person` in a body. */
function isIdentityPath(path: readonly (string | number)[]): boolean {
  return path[0] === 'person';
}

function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part),
    '',
  );
}

function problemOf(text: string, identity: boolean): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'lone surrogate (not a character)';
  if (BIDI_CONTROL.test(text)) return 'bidirectional control character (U+202A–U+202E, U+2066–U+2069)';
  if (CONTROL.test(text)) return 'control character';
  if (identity && LINE_OR_TAB.test(text)) return 'line break or tab in an identity field';
  return undefined;
}

/**
 * Walks a parsed JSON value: returns it with every string in NFC, or the first refused string.
 * Object keys are left as they are (the DTO whitelist refuses unknown ones).
 */
export function cleanText(
  value: unknown,
  path: (string | number)[] = [],
): { readonly value: unknown } | { readonly refused: TextProblem } {
  if (typeof value === 'string') {
    const problem = problemOf(value, isIdentityPath(path));
    if (problem) return { refused: { field: fieldName(path), problem } };
    return { value: value.normalize('NFC') };
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i += 1) {
      const result = cleanText(value[i], [...path, i]);
      if ('refused' in result) return result;
      out.push(result.value);
    }
    return { value: out };
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const result = cleanText(item, [...path, key]);
      if ('refused' in result) return result;
      out[key] = result.value;
    }
    return { value: out };
  }
  return { value };
}

/** Decodes a body as strict UTF-8: undefined when it is not (no silent U+FFFD replacement). */
export function strictUtf8(body: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    return undefined;
  }
}
