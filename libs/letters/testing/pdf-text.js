// Prints the text of the PDF read on stdin (pdf-parse, in a process of its own: pdf.js loads its
// worker with a dynamic import that jest's module sandbox does not allow).
const { PDFParse } = require('pdf-parse');

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: Buffer.concat(chunks) });
  try {
    process.stdout.write((await parser.getText()).text);
  } finally {
    await parser.destroy();
  }
});
