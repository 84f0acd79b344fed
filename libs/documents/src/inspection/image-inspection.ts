/** The pixel size an image declares in its header (PNG IHDR, JPEG SOFn), read without decoding it. */
export function declaredPixels(bytes: Buffer, mediaType: string): number | undefined {
  if (mediaType === 'image/png' && bytes.length >= 24) return bytes.readUInt32BE(16) * bytes.readUInt32BE(20);
  if (mediaType === 'image/jpeg') {
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return undefined;
      const marker = bytes[offset + 1];
      const length = bytes.readUInt16BE(offset + 2);
      const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
      if (isFrame) return bytes.readUInt16BE(offset + 5) * bytes.readUInt16BE(offset + 7);
      offset += 2 + length;
    }
  }
  return undefined;
}
