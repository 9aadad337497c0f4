import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';

const require = createRequire(import.meta.url);
const FONTS_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

pdfmake.setFonts({
  Roboto: {
    normal: path.join(FONTS_DIR, 'Roboto-Regular.ttf'),
    bold: path.join(FONTS_DIR, 'Roboto-Medium.ttf'),
    italics: path.join(FONTS_DIR, 'Roboto-Italic.ttf'),
    bolditalics: path.join(FONTS_DIR, 'Roboto-MediumItalic.ttf'),
  },
});
// the document reads nothing but its fonts: no local files or URLs named in data
pdfmake.setLocalAccessPolicy((file) => file.startsWith(FONTS_DIR));
pdfmake.setUrlAccessPolicy(() => false);

/** pdfmake with the bundled Roboto fonts and no file or network access: every PDF goes through it. */
export { pdfmake };

/** The shop as printed on its documents. */
export type PdfShop = {
  name: string;
  document: string | null;
  address: Record<string, string>;
  currency: string;
};

/** "Rua X, 12 — fundos", "Centro — Campinas/SP" and the postal line (CEP given as 8 digits). */
export function addressLines(
  address: Record<string, string>,
  postalLine: (code: string) => string,
): string[] {
  const street = [address.street, address.number].filter(Boolean).join(', ');
  const line1 = [street, address.complement].filter(Boolean).join(' — ');
  const city = [address.neighborhood, [address.city, address.state].filter(Boolean).join('/')]
    .filter(Boolean)
    .join(' — ');
  const code = address.postalCode?.replace(/^(\d{5})(\d{3})$/, '$1-$2');
  return [line1, city, code ? postalLine(code) : ''].filter(Boolean);
}
