import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  asciiField,
  buildDynamicPixPayload,
  buildPixPayload,
  crc16CcittFalse,
  detectPixKeyType,
  normalizePixKey,
  PIX_KEY_TYPES,
  type PixKeyType,
  type PixParsed,
  type PixStaticInput,
  parsePixPayload,
  pixCobTxid,
  pixTxid,
  uuidFromPixTxid,
} from './pix.js';

// Manual de Padrões para Iniciação do Pix, static example (random key, no amount) and dynamic example
const BCB_STATIC =
  '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR' +
  '5913Fulano de Tal6008BRASILIA62070503***63041D3D';
const BCB_DYNAMIC =
  '00020101021226700014br.gov.bcb.pix2548pix.example.com/8b3da2f39a4140d1a91abd93113bd441' +
  '5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***630464E4';
// Manual do BR Code section 2.2: card scheme + Pix (GUI in uppercase) + another arrangement, 270 chars
const BCB_BR_CODE =
  '00020104141234567890123426580014BR.GOV.BCB.PIX0136123e4567-e12b-12d1-a456-426655440000' +
  '27300012BR.COM.OUTRO011001234567895204000053039865406123.455802BR5917NOME DO RECEBEDOR6008BRASILIA' +
  '61087007490062190515RP12345678-201980390012BR.COM.OUTRO01190123.ABCD.3456.WXYZ6304AD38';

const RANDOM_KEY = '123e4567-e12b-12d1-a456-426655440000';
const BASE: PixStaticInput = { key: '52998224725', keyType: 'CPF', name: 'Oficina do Ze', city: 'Campinas' };

/** The static example without its CRC value: ends with "6304", ready to be edited and re-signed. */
const STATIC_BODY = BCB_STATIC.slice(0, -4);
const sign = (body: string) => body + crc16CcittFalse(body);
const item = (id: string, value: string) => `${id}${String(value.length).padStart(2, '0')}${value}`;

function parsed(payload: string): PixParsed {
  const result = parsePixPayload(payload);
  if (!result.ok) throw new Error(`expected a valid payload, got ${result.reason} ${result.field ?? ''}`);
  return result;
}

function errorCode(build: () => unknown): string | undefined {
  try {
    build();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('crc16CcittFalse', () => {
  it('gives the CRC-16/CCITT-FALSE check value 29B1 for "123456789"', () => {
    expect(crc16CcittFalse('123456789')).toBe('29B1');
  });

  it('returns the initial value for no input, always 4 uppercase hex digits', () => {
    expect(crc16CcittFalse('')).toBe('FFFF');
    expect(crc16CcittFalse('A')).toMatch(/^[0-9A-F]{4}$/);
  });

  it.each([
    ['static', BCB_STATIC, '1D3D'],
    ['dynamic', BCB_DYNAMIC, '64E4'],
    ['multi-arrangement BR Code', BCB_BR_CODE, 'AD38'],
  ])('recomputes the CRC printed in the BCB %s example', (_, payload, crc) => {
    expect(payload.endsWith(`6304${crc}`)).toBe(true);
    expect(crc16CcittFalse(payload.slice(0, -4))).toBe(crc);
  });

  it('covers the UTF-8 bytes of non-ASCII text', () => {
    // "é" is C3 A9 in UTF-8 (CRC 7ACB, from Python's binascii.crc_hqx); the Latin-1 byte E9 gives 8DF7
    expect(crc16CcittFalse('é')).toBe('7ACB');
  });
});

describe('normalizePixKey', () => {
  it.each<[PixKeyType, string, string]>([
    ['CPF', '529.982.247-25', '52998224725'],
    ['CPF', ' 52998224725 ', '52998224725'],
    ['CNPJ', '11.444.777/0001-61', '11444777000161'],
    ['CNPJ', '11444777000161', '11444777000161'],
    ['CNPJ', '12.ABC.345/01DE-35', '12ABC34501DE35'],
    ['CNPJ', '12abc34501de35', '12ABC34501DE35'],
    ['PHONE', '(11) 98765-4321', '+5511987654321'],
    ['PHONE', '+55 11 98765-4321', '+5511987654321'],
    ['PHONE', '+5511987654321', '+5511987654321'],
    ['PHONE', '11987654321', '+5511987654321'],
    ['PHONE', '011 98765-4321', '+5511987654321'],
    ['PHONE', '(19) 3234-5678', '+551932345678'],
    ['EMAIL', '  Fulano.Silva@Example.COM ', 'fulano.silva@example.com'],
    ['EMAIL', 'pix+oficina@bancada.com.br', 'pix+oficina@bancada.com.br'],
    ['EMAIL', `${'a'.repeat(67)}@gmail.com`, `${'a'.repeat(67)}@gmail.com`],
    ['RANDOM', RANDOM_KEY, RANDOM_KEY],
    ['RANDOM', RANDOM_KEY.toUpperCase(), RANDOM_KEY],
    ['RANDOM', '123e4567e12b12d1a456426655440000', RANDOM_KEY],
  ])('accepts %s %j as %j', (type, raw, key) => {
    expect(normalizePixKey(type, raw)).toEqual({ ok: true, key });
  });

  it.each<[PixKeyType, string, string]>([
    ['CPF', '529.982.247-24', 'invalid_cpf'],
    ['CPF', '111.111.111-11', 'invalid_cpf'],
    ['CPF', '5299822472', 'invalid_cpf'],
    ['CPF', 'cpf 529.982.247-25', 'invalid_cpf'],
    ['CPF', '', 'invalid_cpf'],
    ['CNPJ', '11.444.777/0001-62', 'invalid_cnpj'],
    ['CNPJ', '00.000.000/0000-00', 'invalid_cnpj'],
    ['CNPJ', '12ABC34501DEAB', 'invalid_cnpj'],
    ['CNPJ', '12ÃBC34501DE35', 'invalid_cnpj'],
    ['CNPJ', '1144477700016', 'invalid_cnpj'],
    ['PHONE', '(11) 88765-4321', 'invalid_phone'],
    ['PHONE', '98765-4321', 'invalid_phone'],
    ['PHONE', '+1 415 555 2671', 'invalid_phone'],
    ['PHONE', '+56 9 8765 4321', 'invalid_phone'],
    ['PHONE', 'tel 11987654321', 'invalid_phone'],
    ['PHONE', '', 'invalid_phone'],
    ['EMAIL', 'fulano@gmail', 'invalid_email'],
    ['EMAIL', 'fulano gmail.com', 'invalid_email'],
    ['EMAIL', 'fulano@@gmail.com', 'invalid_email'],
    ['EMAIL', 'ação@gmail.com', 'invalid_email'],
    ['EMAIL', '.fulano@gmail.com', 'invalid_email'],
    ['EMAIL', 'ful..ano@gmail.com', 'invalid_email'],
    ['EMAIL', 'fulano.@gmail.com', 'invalid_email'],
    ['EMAIL', 'fulano@-gmail.com', 'invalid_email'],
    ['EMAIL', `${'a'.repeat(68)}@gmail.com`, 'invalid_email'],
    ['RANDOM', '123e4567-e12b-12d1-a456-42665544000', 'invalid_random'],
    ['RANDOM', '123g4567-e12b-12d1-a456-426655440000', 'invalid_random'],
    ['RANDOM', '123e4567e12b-12d1-a456-426655440000', 'invalid_random'],
    ['RANDOM', '', 'invalid_random'],
  ])('refuses %s %j with %s', (type, raw, reason) => {
    expect(normalizePixKey(type, raw)).toEqual({ ok: false, reason });
  });
});

describe('detectPixKeyType', () => {
  it.each([
    ['fulano@example.com', 'EMAIL'],
    [RANDOM_KEY, 'RANDOM'],
    ['+5511987654321', 'PHONE'],
    ['(11) 98765-4321', 'PHONE'],
    ['11987654321', 'PHONE'],
    ['529.982.247-25', 'CPF'],
    ['52998224725', 'CPF'],
    // a valid CPF that also has the shape of a mobile: a bare key is a CPF (phones carry +55)
    ['11912345684', 'CPF'],
    ['11.444.777/0001-61', 'CNPJ'],
    ['12.ABC.345/01DE-35', 'CNPJ'],
    ['fulano@', null],
    ['+1 415 555 2671', null],
    ['hello', null],
    ['', null],
  ])('detectPixKeyType(%j) is %s', (raw, type) => {
    expect(detectPixKeyType(raw)).toBe(type);
  });
});

describe('asciiField', () => {
  it.each([
    ['Pão de Açúcar Ótica São João', 99, 'Pao de Acucar Otica Sao Joao'],
    ['  Café   do  Zé ☕ ', 99, 'Cafe do Ze'],
    ['D’Ávila “Bar” – Ñandú', 99, `D'Avila "Bar" - Nandu`],
    ['Rua 1º de Maio, Straße', 99, 'Rua 1o de Maio, Strasse'],
    ['tab\there\nnewline', 99, 'tab here newline'],
    ['🔧🔧', 99, ''],
    ['Auto Elétrica Irmãos Gonçalves Ltda', 25, 'Auto Eletrica Irmaos Gonc'],
    ['São José dos Campos', 15, 'Sao Jose dos Ca'],
    ['Porto Seguro  BA', 13, 'Porto Seguro'],
    ['anything', 0, ''],
  ])('asciiField(%j, %i) is %j', (text, max, expected) => {
    expect(asciiField(text, max)).toBe(expected);
  });
});

describe('buildPixPayload', () => {
  it('reproduces the BCB static example byte for byte', () => {
    expect(
      buildPixPayload({ key: RANDOM_KEY, keyType: 'RANDOM', name: 'Fulano de Tal', city: 'BRASILIA' }),
    ).toBe(BCB_STATIC);
  });

  it.each<[PixKeyType, string, string]>([
    ['CPF', '529.982.247-25', '52998224725'],
    ['CNPJ', '12.ABC.345/01DE-35', '12ABC34501DE35'],
    ['PHONE', '(11) 98765-4321', '+5511987654321'],
    ['EMAIL', 'Oficina@Bancada.com.br', 'oficina@bancada.com.br'],
    ['RANDOM', RANDOM_KEY.toUpperCase(), RANDOM_KEY],
  ])('round-trips a %s key in its DICT form', (keyType, key, stored) => {
    const payload = buildPixPayload({
      key,
      keyType,
      name: 'Oficina São Jorge',
      city: 'Ribeirão Preto',
      amountCents: 15_990,
      txid: 'OS2026000123',
      message: 'Ordem de serviço 123',
      reusable: false,
    });
    expect(payload).toMatch(/^[ -~]+$/);
    expect(parsed(payload)).toEqual({
      ok: true,
      fields: expect.objectContaining({
        '26.01': stored,
        '01': '12',
        '54': '159.90',
        '63': payload.slice(-4),
      }),
      kind: 'static',
      key: stored,
      keyType,
      message: 'Ordem de servico 123',
      amountCents: 15_990,
      txid: 'OS2026000123',
      name: 'Oficina Sao Jorge',
      city: 'Ribeirao Preto',
      reusable: false,
    });
  });

  it('refuses a key that does not match its type with the key reason', () => {
    expect(errorCode(() => buildPixPayload({ ...BASE, key: '529.982.247-24' }))).toBe('invalid_cpf');
    expect(errorCode(() => buildPixPayload({ ...BASE, keyType: 'EMAIL' }))).toBe('invalid_email');
  });

  it('writes field 01 only when reusable is given: 11 reusable, 12 single use', () => {
    expect(parsed(buildPixPayload(BASE)).fields['01']).toBeUndefined();
    expect(buildPixPayload(BASE).startsWith('00020126')).toBe(true);
    expect(buildPixPayload({ ...BASE, reusable: true }).startsWith('000201010211')).toBe(true);
    expect(buildPixPayload({ ...BASE, reusable: false }).startsWith('000201010212')).toBe(true);
    expect(parsed(buildPixPayload({ ...BASE, reusable: true })).reusable).toBe(true);
  });

  it('cuts names to 25 and cities to 15 ASCII characters', () => {
    const payload = buildPixPayload({
      ...BASE,
      name: 'Auto Elétrica e Mecânica Irmãos Gonçalves Ltda',
      city: 'São José dos Campos',
    });
    // the cut falls on a space, which is trimmed
    expect(payload).toContain('5924Auto Eletrica e Mecanica6015Sao Jose dos Ca62');
    const result = parsed(payload);
    expect(result.name).toBe('Auto Eletrica e Mecanica');
    expect(result.city).toBe('Sao Jose dos Ca');
    const full = parsed(buildPixPayload({ ...BASE, name: 'Auto Elétrica Irmãos Gonçalves Ltda' }));
    expect(full.name).toBe('Auto Eletrica Irmaos Gonc');
    expect(full.name).toHaveLength(25);
  });

  it('refuses a name or city with nothing left once made ASCII', () => {
    expect(errorCode(() => buildPixPayload({ ...BASE, name: '  ' }))).toBe('invalid_name');
    expect(errorCode(() => buildPixPayload({ ...BASE, name: '🔧🔧' }))).toBe('invalid_name');
    expect(errorCode(() => buildPixPayload({ ...BASE, city: '' }))).toBe('invalid_city');
  });

  describe('amount', () => {
    it.each([
      [1, '0.01'],
      [10, '0.10'],
      [100, '1.00'],
      [15_990, '159.90'],
      [123_456_789, '1234567.89'],
      [999_999_999_999, '9999999999.99'],
    ])('%i cents is written as %s and read back', (amountCents, text) => {
      const payload = buildPixPayload({ ...BASE, amountCents });
      expect(payload).toContain(`54${String(text.length).padStart(2, '0')}${text}5802BR`);
      expect(parsed(payload).amountCents).toBe(amountCents);
    });

    it('uses the 13 characters at most', () => {
      expect(parsed(buildPixPayload({ ...BASE, amountCents: 999_999_999_999 })).fields['54']).toHaveLength(
        13,
      );
    });

    it('leaves field 54 out for no amount and for 0 (the payer types it)', () => {
      for (const amountCents of [undefined, 0]) {
        const result = parsed(buildPixPayload({ ...BASE, amountCents }));
        expect(result.fields['54']).toBeUndefined();
        expect(result.amountCents).toBeUndefined();
      }
    });

    it.each([
      1_000_000_000_000,
      -1,
      10.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ])('refuses %s cents with invalid_amount', (amountCents) => {
      expect(errorCode(() => buildPixPayload({ ...BASE, amountCents }))).toBe('invalid_amount');
    });
  });

  describe('message', () => {
    it('fills the 26 template up to 99 characters and cuts the rest', () => {
      // random key: 99 - 18 (GUI) - 40 (key) - 4 (message id and length) = 37
      const payload = buildPixPayload({
        ...BASE,
        key: RANDOM_KEY,
        keyType: 'RANDOM',
        message: 'x'.repeat(50),
      });
      const result = parsed(payload);
      expect(result.message).toBe('x'.repeat(37));
      expect(result.fields['26']).toHaveLength(99);
      expect(payload.slice(6, 10)).toBe('2699');
    });

    it('keeps a message that fits, made ASCII', () => {
      expect(parsed(buildPixPayload({ ...BASE, message: ' Orçamento  nº 123 ' })).message).toBe(
        'Orcamento no 123',
      );
      // CPF key: 99 - 18 - 15 - 4 = 62
      expect(parsed(buildPixPayload({ ...BASE, message: 'y'.repeat(62) })).message).toBe('y'.repeat(62));
    });

    it('drops the message when the key leaves no room or nothing printable is left', () => {
      const email = `${'a'.repeat(67)}@gmail.com`;
      const full = parsed(buildPixPayload({ ...BASE, key: email, keyType: 'EMAIL', message: 'Obrigado' }));
      expect(full.fields['26']).toHaveLength(99);
      expect(full.message).toBeUndefined();
      expect(buildPixPayload({ ...BASE, message: '🔧' })).toBe(buildPixPayload(BASE));
      expect(buildPixPayload({ ...BASE, message: '' })).toBe(buildPixPayload(BASE));
    });
  });

  describe('txid', () => {
    it.each(['OS2026000123', 'a', 'Z'.repeat(25), 'abcXYZ019'])('accepts %j and reads it back', (txid) => {
      const payload = buildPixPayload({ ...BASE, txid });
      expect(payload).toContain(
        `62${String(txid.length + 4).padStart(2, '0')}05${String(txid.length).padStart(2, '0')}${txid}6304`,
      );
      expect(parsed(payload).txid).toBe(txid);
    });

    it('writes *** without a txid and reads it as none', () => {
      const payload = buildPixPayload(BASE);
      expect(payload).toContain('62070503***6304');
      expect(parsed(payload).txid).toBeUndefined();
      expect(buildPixPayload({ ...BASE, txid: '***' })).toBe(payload);
    });

    it.each([
      '',
      'Z'.repeat(26),
      'OS-2026-1',
      'OS 1',
      'ação',
      '**',
      '***x',
      'ＡＢＣ',
    ])('refuses %j with invalid_txid', (txid) => {
      expect(errorCode(() => buildPixPayload({ ...BASE, txid }))).toBe('invalid_txid');
      expect(() => buildPixPayload({ ...BASE, txid })).toThrow(/txid must be 1-25 letters or digits/);
    });
  });
});

describe('buildDynamicPixPayload', () => {
  const DYNAMIC = {
    location: 'https://pix.example.com/8b3da2f39a4140d1a91abd93113bd441',
    name: 'Fulano de Tal',
    city: 'BRASILIA',
  };

  it('reproduces the BCB dynamic example byte for byte', () => {
    expect(buildDynamicPixPayload(DYNAMIC)).toBe(BCB_DYNAMIC);
    expect(
      buildDynamicPixPayload({ ...DYNAMIC, location: 'pix.example.com/8b3da2f39a4140d1a91abd93113bd441' }),
    ).toBe(BCB_DYNAMIC);
  });

  it('round-trips with an amount', () => {
    const payload = buildDynamicPixPayload({
      ...DYNAMIC,
      location: 'HTTPS://psp.example.com/qr/v2/cob/abc',
      amountCents: 25_000,
    });
    expect(parsed(payload)).toEqual({
      ok: true,
      fields: expect.objectContaining({
        '01': '12',
        '26.25': 'psp.example.com/qr/v2/cob/abc',
        '62.05': '***',
      }),
      kind: 'dynamic',
      location: 'psp.example.com/qr/v2/cob/abc',
      amountCents: 25_000,
      name: 'Fulano de Tal',
      city: 'BRASILIA',
      reusable: false,
    });
  });

  it.each([
    'http://pix.example.com/cob/1',
    'ftp://pix.example.com/cob/1',
    'https://',
    'pix.example.com/cob 1',
    `pix.example.com/${'a'.repeat(62)}`,
  ])('refuses the location %j', (location) => {
    expect(errorCode(() => buildDynamicPixPayload({ ...DYNAMIC, location }))).toBe('invalid_location');
  });

  it('accepts a location of exactly 77 characters', () => {
    const location = `pix.example.com/${'a'.repeat(61)}`;
    expect(location).toHaveLength(77);
    expect(parsed(buildDynamicPixPayload({ ...DYNAMIC, location })).fields['26']).toHaveLength(99);
  });
});

describe('parsePixPayload', () => {
  it('reads the BCB static example', () => {
    expect(parsePixPayload(BCB_STATIC)).toEqual({
      ok: true,
      fields: {
        '00': '01',
        '26': `0014br.gov.bcb.pix0136${RANDOM_KEY}`,
        '26.00': 'br.gov.bcb.pix',
        '26.01': RANDOM_KEY,
        '52': '0000',
        '53': '986',
        '58': 'BR',
        '59': 'Fulano de Tal',
        '60': 'BRASILIA',
        '62': '0503***',
        '62.05': '***',
        '63': '1D3D',
      },
      kind: 'static',
      key: RANDOM_KEY,
      keyType: 'RANDOM',
      name: 'Fulano de Tal',
      city: 'BRASILIA',
    });
  });

  it('reads the BR Code manual example with other arrangements, an uppercase GUI and a postal code', () => {
    expect(BCB_BR_CODE).toHaveLength(270);
    const result = parsed(BCB_BR_CODE);
    expect(result).toMatchObject({
      kind: 'static',
      key: RANDOM_KEY,
      amountCents: 12_345,
      txid: 'RP12345678-2019',
      name: 'NOME DO RECEBEDOR',
    });
    expect(result.fields).toMatchObject({
      '04': '12345678901234',
      '27.00': 'BR.COM.OUTRO',
      '61': '70074900',
    });
  });

  it('ignores whitespace around a pasted code and accepts a lowercase CRC', () => {
    expect(parsePixPayload(`  ${BCB_STATIC}\n`).ok).toBe(true);
    expect(parsePixPayload(`${STATIC_BODY}1d3d`).ok).toBe(true);
  });

  it.each<[string, string, string, string?]>([
    ['empty text', '', 'empty'],
    ['blank text', '   ', 'empty'],
    ['not TLV', 'hello world', 'malformed_tlv'],
    ['a wrong CRC value', `${STATIC_BODY}1D3E`, 'crc_mismatch'],
    ['an edited field under the old CRC', BCB_STATIC.replace('Fulano', 'Fulana'), 'crc_mismatch'],
    ['a CRC that is not hex', `${STATIC_BODY}ZZZZ`, 'invalid_field', '63'],
    ['a CRC field of the wrong length', `${STATIC_BODY.slice(0, -2)}05ABCDE`, 'invalid_field', '63'],
    ['a cut CRC', BCB_STATIC.slice(0, -1), 'truncated'],
    ['a payload cut in the key', BCB_STATIC.slice(0, 50), 'truncated'],
    ['a payload cut inside a header', BCB_STATIC.slice(0, 2), 'truncated'],
    ['no CRC', BCB_STATIC.slice(0, -8), 'missing_crc'],
    ['garbage after the CRC', `${BCB_STATIC}X`, 'trailing_data'],
    ['an item after the CRC', `${BCB_STATIC}0000`, 'trailing_data'],
  ])('refuses %s', (_, payload, reason, field) => {
    expect(parsePixPayload(payload)).toEqual(field ? { ok: false, reason, field } : { ok: false, reason });
  });

  // each body is the static example edited and then signed again, so only the edit is wrong
  it.each<[string, string, string, string?]>([
    ['a length one short', STATIC_BODY.replace('5913Fulano', '5912Fulano'), 'malformed_tlv'],
    ['a length past the end', STATIC_BODY.replace('62070503***', '62990503***'), 'truncated'],
    [
      'a wrong length inside a template',
      STATIC_BODY.replace('62070503***', '62070504***'),
      'truncated',
      '62',
    ],
    ['an empty item', STATIC_BODY.replace('5802BR', '5802BR6100'), 'malformed_tlv'],
    ['a format indicator other than 01', STATIC_BODY.replace(/^000201/, '000202'), 'invalid_field', '00'],
    ['a payload not starting with 00', STATIC_BODY.replace(/^000201/, '5802BR'), 'duplicate_field', '58'],
    ['no format indicator', STATIC_BODY.replace(/^000201/, ''), 'invalid_field', '00'],
    ['an unknown initiation method', STATIC_BODY.replace(/^000201/, '000201010213'), 'invalid_field', '01'],
    ['a repeated field', STATIC_BODY.replace('5802BR', '5802BR5802BR'), 'duplicate_field', '58'],
    [
      'a repeated sub-field',
      STATIC_BODY.replace('62070503***', '62140503***0503***'),
      'duplicate_field',
      '62.05',
    ],
    ['another arrangement only', STATIC_BODY.replace('br.gov.bcb.pix', 'br.gov.bcb.pox'), 'not_pix'],
    [
      'a Pix template without key',
      STATIC_BODY.replace(`26580014br.gov.bcb.pix0136${RANDOM_KEY}`, '26180014br.gov.bcb.pix'),
      'missing_field',
      '26.01',
    ],
    [
      'a Pix template with a key and a location',
      STATIC_BODY.replace(
        `26580014br.gov.bcb.pix0136${RANDOM_KEY}`,
        item(
          '26',
          item('00', 'br.gov.bcb.pix') + item('01', '52998224725') + item('25', 'pix.example.com/1'),
        ),
      ),
      'invalid_field',
      '26',
    ],
    ['no merchant category', STATIC_BODY.replace('52040000', ''), 'missing_field', '52'],
    [
      'a merchant category that is not 4 digits',
      STATIC_BODY.replace('52040000', '520400A0'),
      'invalid_field',
      '52',
    ],
    ['a currency other than the real', STATIC_BODY.replace('5303986', '5303840'), 'invalid_field', '53'],
    ['no currency', STATIC_BODY.replace('5303986', ''), 'missing_field', '53'],
    ['a country other than BR', STATIC_BODY.replace('5802BR', '5802AR'), 'invalid_field', '58'],
    ['no name', STATIC_BODY.replace('5913Fulano de Tal', ''), 'missing_field', '59'],
    [
      'a name over 25 characters',
      STATIC_BODY.replace('5913Fulano de Tal', `5926${'N'.repeat(26)}`),
      'invalid_field',
      '59',
    ],
    ['no city', STATIC_BODY.replace('6008BRASILIA', ''), 'missing_field', '60'],
    [
      'a city over 15 characters',
      STATIC_BODY.replace('6008BRASILIA', `6016${'C'.repeat(16)}`),
      'invalid_field',
      '60',
    ],
    ['no additional data', STATIC_BODY.replace('62070503***', ''), 'missing_field', '62'],
    [
      'additional data without txid',
      STATIC_BODY.replace('62070503***', '62070703***'),
      'missing_field',
      '62.05',
    ],
    [
      'a txid over 25 characters',
      STATIC_BODY.replace('62070503***', `62300526${'T'.repeat(26)}`),
      'invalid_field',
      '62.05',
    ],
    [
      'an amount with a comma',
      STATIC_BODY.replace('5802BR', `${item('54', '1,00')}5802BR`),
      'invalid_field',
      '54',
    ],
    [
      'an amount with 3 decimals',
      STATIC_BODY.replace('5802BR', `${item('54', '10.000')}5802BR`),
      'invalid_field',
      '54',
    ],
    [
      'an amount over 13 characters',
      STATIC_BODY.replace('5802BR', `${item('54', '12345678901.00')}5802BR`),
      'invalid_field',
      '54',
    ],
  ])('refuses %s', (_, body, reason, field) => {
    expect(body).not.toBe(STATIC_BODY);
    expect(parsePixPayload(sign(body))).toEqual(field ? { ok: false, reason, field } : { ok: false, reason });
  });

  it('reads an amount written without decimals or with one', () => {
    expect(parsed(sign(STATIC_BODY.replace('5802BR', `${item('54', '10')}5802BR`))).amountCents).toBe(1_000);
    expect(parsed(sign(STATIC_BODY.replace('5802BR', `${item('54', '10.5')}5802BR`))).amountCents).toBe(
      1_050,
    );
  });

  it('round-trips payloads of every key type and option', () => {
    const keys: Record<PixKeyType, string> = {
      CPF: '52998224725',
      CNPJ: '11444777000161',
      PHONE: '+551932345678',
      EMAIL: 'financeiro@oficina.com.br',
      RANDOM: RANDOM_KEY,
    };
    for (const keyType of PIX_KEY_TYPES) {
      for (const options of [
        {},
        { amountCents: 1 },
        { amountCents: 999_999_999_999, txid: 'A1', reusable: true },
        { message: 'Peças e mão de obra', txid: pixTxid(crypto.randomUUID()) },
      ]) {
        const input = { ...BASE, key: keys[keyType], keyType, ...options };
        const payload = buildPixPayload(input);
        const result = parsed(payload);
        expect(result.key).toBe(keys[keyType]);
        expect(result.keyType).toBe(keyType);
        expect(result.amountCents).toBe(input.amountCents);
        expect(result.txid).toBe(input.txid);
        expect(result.fields['63']).toBe(crc16CcittFalse(payload.slice(0, -4)));
      }
    }
  });
});

describe('pixTxid', () => {
  const INVOICE_ID = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';

  it('writes the invoice UUID in base 36 on 25 uppercase characters', () => {
    expect(pixTxid(INVOICE_ID)).toMatch(/^[0-9A-Z]{25}$/);
    expect(pixTxid('00000000-0000-0000-0000-000000000000')).toBe('0'.repeat(25));
    expect(pixTxid('00000000-0000-0000-0000-000000000024')).toBe(`${'0'.repeat(23)}10`);
    // the largest UUID still fits: 2^128 - 1 < 36^25
    expect(pixTxid('ffffffff-ffff-ffff-ffff-ffffffffffff')).toBe('F5LXX1ZZ5PNORYNQGLHZMSP33');
  });

  it('gives one txid per UUID however it is written', () => {
    const txid = pixTxid(INVOICE_ID);
    expect(pixTxid(INVOICE_ID.toUpperCase())).toBe(txid);
    expect(pixTxid(INVOICE_ID.replace(/-/g, ''))).toBe(txid);
    expect(pixTxid(` ${INVOICE_ID} `)).toBe(txid);
  });

  it('is lossless: the invoice UUID comes back, and different invoices never share a txid', () => {
    const ids = Array.from({ length: 1000 }, () => crypto.randomUUID());
    const txids = ids.map(pixTxid);
    expect(new Set(txids).size).toBe(ids.length);
    expect(txids.map(uuidFromPixTxid)).toEqual(ids);
  });

  it('makes a valid BR Code txid', () => {
    const txid = pixTxid(INVOICE_ID);
    expect(parsed(buildPixPayload({ ...BASE, txid })).txid).toBe(txid);
  });

  it.each([
    'INV-2026-0001',
    '',
    'f47ac10b58cc4372a5670e02b2c3d47',
    'g47ac10b-58cc-4372-a567-0e02b2c3d479',
  ])('refuses the non-UUID seed %j', (seed) => {
    expect(errorCode(() => pixTxid(seed))).toBe('invalid_seed');
  });

  it('knows no UUID for other txids', () => {
    expect(uuidFromPixTxid('OS2026000123')).toBeNull();
    expect(uuidFromPixTxid(pixTxid(INVOICE_ID).toLowerCase())).toBeNull();
    expect(uuidFromPixTxid('Z'.repeat(25))).toBeNull();
  });
});

describe('pixCobTxid', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('fits the Pix API txid pattern for PUT /cob/{txid}', () => {
    for (let i = 0; i < 100; i++) {
      expect(pixCobTxid()).toMatch(/^[a-zA-Z0-9]{26,35}$/);
    }
    expect(pixCobTxid()).toHaveLength(32);
  });

  it('does not repeat and uses the whole alphabet', () => {
    const txids = Array.from({ length: 2000 }, () => pixCobTxid());
    expect(new Set(txids).size).toBe(txids.length);
    expect(new Set(txids.join('')).size).toBe(62);
  });

  it('skips random bytes that would bias the alphabet', () => {
    let call = 0;
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(
      <T extends ArrayBufferView | null>(array: T): T => {
        // first batch: only bytes >= 248, all skipped; then 61 and 247, both 'z'
        if (array instanceof Uint8Array) array.fill(call++ === 0 ? 255 : call % 2 ? 61 : 247);
        return array;
      },
    );
    expect(pixCobTxid()).toBe('z'.repeat(32));
  });
});
