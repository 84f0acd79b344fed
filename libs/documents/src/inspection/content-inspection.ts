import { extname } from 'node:path';
import { fromBuffer } from 'file-type';
import { declaredPixels } from './image-inspection';
import { inspectPdf } from './pdf-inspection';

/** The contents a case file accepts: scans and photos of papers, and PDFs. */
export const ACCEPTED_MEDIA_TYPES = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
} as const satisfies Record<string, readonly string[]>;

export type AcceptedMediaType = keyof typeof ACCEPTED_MEDIA_TYPES;

export interface InspectionLimits {
  /** A PDF's streams may inflate to this many bytes in all (past it: a compression bomb). */
  readonly inflatedBytes: number;
  /** An image may declare this many pixels at most (past it: a decompression bomb). */
  readonly pixels: number;
}

export const DEFAULT_INSPECTION_LIMITS: InspectionLimits = {
  inflatedBytes: 64 * 1024 * 1024,
  pixels: 60_000_000,
};

export type InspectionRefusalKind =
  | 'document-type-refused'
  | 'document-type-mismatch'
  | 'document-active-content'
  | 'document-compression-bomb'
  | 'document-encrypted';

export type Inspection =
  | { readonly accepted: true; readonly mediaType: AcceptedMediaType }
  | { readonly accepted: false; readonly kind: InspectionRefusalKind; readonly detail: string };

/**
 * What a file is, read from its bytes (magic numbers), never from its name or the client's
 * Content-Type; then what it would do once opened. Nothing is decompressed past the limits.
 */
export async function inspectContent(
  bytes: Buffer,
  fileName: string | undefined,
  limits: InspectionLimits = DEFAULT_INSPECTION_LIMITS,
): Promise<Inspection> {
  const detected = await fromBuffer(bytes);
  const mediaType = detected?.mime as string | undefined;
  if (!mediaType || !(mediaType in ACCEPTED_MEDIA_TYPES)) {
    return {
      accepted: false,
      kind: 'document-type-refused',
      detail: `file: the content is ${mediaType ?? 'of no recognised type'}; only PDF, JPEG and PNG documents are accepted (the file name is not trusted)`,
    };
  }
  const accepted = mediaType as AcceptedMediaType;
  const extension = fileName ? extname(fileName).slice(1).toLowerCase() : '';
  if (extension && !(ACCEPTED_MEDIA_TYPES[accepted] as readonly string[]).includes(extension)) {
    return {
      accepted: false,
      kind: 'document-type-mismatch',
      detail: `file: the name says .${extension} but the content is ${accepted}`,
    };
  }
  if (accepted === 'application/pdf') {
    const finding = inspectPdf(bytes, limits.inflatedBytes);
    if (finding?.kind === 'active_content') {
      return {
        accepted: false,
        kind: 'document-active-content',
        detail: `file: the PDF carries active content (/${finding.name}); scripts, actions and embedded files are refused`,
      };
    }
    if (finding?.kind === 'compression_bomb') {
      return {
        accepted: false,
        kind: 'document-compression-bomb',
        detail: `file: the PDF's streams inflate past ${finding.inflatedLimit} bytes (a compression bomb)`,
      };
    }
    if (finding?.kind === 'encrypted') {
      return {
        accepted: false,
        kind: 'document-encrypted',
        detail: 'file: the PDF is encrypted: its content cannot be checked; send it without a password',
      };
    }
  } else {
    const pixels = declaredPixels(bytes, accepted);
    if (pixels !== undefined && pixels > limits.pixels) {
      return {
        accepted: false,
        kind: 'document-compression-bomb',
        detail: `file: the image declares ${pixels} pixels, more than ${limits.pixels} (a decompression bomb)`,
      };
    }
  }
  return { accepted: true, mediaType: accepted };
}
