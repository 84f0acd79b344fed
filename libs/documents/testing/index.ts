import { deflateRawSync, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

/** A small PDF with one line of text (uncompressed, so a test can see what it carries). */
export async function pdfWith(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false, info: { CreationDate: new Date('2024-01-01T00:00:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.text(text);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A hand-written PDF whose catalogue runs JavaScript when opened. */
export function pdfWithJavaScript(): Buffer {
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    '<< /S /JavaScript /JS (app.alert\\("hello"\\);) >>',
  ]);
}

/** The same, with the action hidden in a compressed object stream and its name spelt with #-escapes. */
export function pdfWithHiddenJavaScript(): Buffer {
  const hidden = deflateSync(Buffer.from('<< /S /J#61vaScript /JS (app.launchURL\\("x"\\);) >>'));
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    { dictionary: '<< /Type /ObjStm /N 1 /First 0 /Filter /FlateDecode', data: hidden },
  ]);
}

/** A PDF with one Flate stream that inflates to `inflatedBytes` zeros (a compression bomb). */
export function pdfCompressionBomb(inflatedBytes = 200 * 1024 * 1024): Buffer {
  const data = deflateSync(Buffer.alloc(inflatedBytes), { level: 9 });
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    { dictionary: '<< /Filter /FlateDecode', data },
  ]);
}

/** A zip archive whose one entry inflates to `inflatedBytes` zeros (a zip bomb). */
export function zipBomb(inflatedBytes = 200 * 1024 * 1024): Buffer {
  const data = deflateRawSync(Buffer.alloc(inflatedBytes), { level: 9 });
  const name = Buffer.from('zeros.txt');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(inflatedBytes, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(inflatedBytes, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** A Windows executable's first bytes (MZ header) behind a `.pdf` name. */
export const EXECUTABLE = Buffer.concat([
  Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000', 'hex'),
  Buffer.alloc(200),
  Buffer.from('PE\0\0'),
]);

function pdfFromObjects(objects: (string | { dictionary: string; data: Buffer })[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((object, i) => {
    offsets.push(length);
    const body =
      typeof object === 'string'
        ? Buffer.from(`${i + 1} 0 obj\n${object}\nendobj\n`, 'latin1')
        : Buffer.concat([
            Buffer.from(
              `${i + 1} 0 obj\n${object.dictionary} /Length ${object.data.length} >>\nstream\n`,
              'latin1',
            ),
            object.data,
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ]);
    parts.push(body);
    length += body.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`,
  ].join('');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
