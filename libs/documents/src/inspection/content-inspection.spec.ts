import {
  EXECUTABLE,
  TINY_PNG,
  pdfCompressionBomb,
  pdfWith,
  pdfWithHiddenJavaScript,
  pdfWithJavaScript,
  zipBomb,
} from '@psp/documents/testing';
import { inspectContent } from './content-inspection';

describe('document content inspection (the bytes decide, never the name)', () => {
  it('accepts a PDF and a PNG named as what they are', async () => {
    expect(await inspectContent(await pdfWith('a proof of address'), 'address.pdf')).toEqual({
      accepted: true,
      mediaType: 'application/pdf',
    });
    expect(await inspectContent(TINY_PNG, 'photo.PNG')).toEqual({ accepted: true, mediaType: 'image/png' });
    expect(await inspectContent(TINY_PNG, undefined)).toEqual({ accepted: true, mediaType: 'image/png' });
  });

  it('refuses an executable behind a .pdf name, and text of no known type', async () => {
    expect(await inspectContent(EXECUTABLE, 'passport.pdf')).toMatchObject({
      accepted: false,
      kind: 'document-type-refused',
    });
    expect(await inspectContent(Buffer.from('just some text'), 'passport.pdf')).toMatchObject({
      accepted: false,
      kind: 'document-type-refused',
    });
  });

  it('refuses a PNG behind a .pdf name (the name and the content disagree)', async () => {
    expect(await inspectContent(TINY_PNG, 'passport.pdf')).toMatchObject({
      accepted: false,
      kind: 'document-type-mismatch',
    });
  });

  it('refuses a zip bomb under any name without inflating it', async () => {
    const bomb = zipBomb(50 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200_000);
    for (const name of ['bomb.zip', 'passport.pdf']) {
      expect(await inspectContent(bomb, name)).toMatchObject({
        accepted: false,
        kind: 'document-type-refused',
        detail: expect.stringContaining('application/zip'),
      });
    }
  });

  it('refuses a PDF whose stream inflates past the budget (compression bomb)', async () => {
    expect(
      await inspectContent(pdfCompressionBomb(20 * 1024 * 1024), 'scan.pdf', {
        inflatedBytes: 8 * 1024 * 1024,
        pixels: 1_000_000,
      }),
    ).toMatchObject({ accepted: false, kind: 'document-compression-bomb' });
  });

  it('refuses a PDF with JavaScript, in clear or hidden in a compressed object stream with #-escaped names', async () => {
    expect(await inspectContent(pdfWithJavaScript(), 'form.pdf')).toMatchObject({
      accepted: false,
      kind: 'document-active-content',
      detail: expect.stringContaining('/JavaScript'),
    });
    expect(await inspectContent(pdfWithHiddenJavaScript(), 'form.pdf')).toMatchObject({
      accepted: false,
      kind: 'document-active-content',
    });
  });

  it('refuses an image that declares more pixels than the limit (decompression bomb)', async () => {
    const huge = Buffer.from(TINY_PNG);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    expect(await inspectContent(huge, 'photo.png')).toMatchObject({
      accepted: false,
      kind: 'document-compression-bomb',
    });
  });
});
