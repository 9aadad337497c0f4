import { parseApiDate, RepairListQuerySchema } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import { repairListParams } from './list-query';

const SAO_PAULO = 'America/Sao_Paulo';
const page = { page: 1, pageSize: 25 };

describe('the repair list’s received days reach the API as the shop’s whole days', () => {
  it('sends the start of the “from” day and the end of the “to” day in the shop, with its offset', () => {
    expect(repairListParams({ ...page, from: '2026-05-01', to: '2026-05-10' }, SAO_PAULO)).toMatchObject({
      from: '2026-05-01T00:00:00.000-03:00',
      to: '2026-05-10T23:59:59.999-03:00',
    });
  });

  it('takes in an order received late on the “to” day, which a bare date (midnight UTC) left out', () => {
    // 22:30 of 10 May in São Paulo
    const receivedAt = Date.parse('2026-05-11T01:30:00.000Z');
    const query = RepairListQuerySchema.parse(
      repairListParams({ ...page, from: '2026-05-10', to: '2026-05-10' }, SAO_PAULO),
    );
    expect(query.from?.getTime()).toBeLessThanOrEqual(receivedAt);
    expect(query.to?.getTime()).toBeGreaterThanOrEqual(receivedAt);
    expect(parseApiDate('2026-05-10')?.getTime()).toBeLessThan(receivedAt);
  });

  it('leaves out what was received the evening before in the shop, though it was the day itself in UTC', () => {
    // 22:00 of 9 May in São Paulo is 01:00 UTC on the 10th
    const evening = Date.parse('2026-05-10T01:00:00.000Z');
    const query = RepairListQuerySchema.parse(repairListParams({ ...page, from: '2026-05-10' }, SAO_PAULO));
    expect(query.from?.getTime()).toBeGreaterThan(evening);
  });

  it('is the shop’s day wherever the device is: Tokyo’s day is another range', () => {
    expect(repairListParams({ ...page, from: '2026-05-10' }, 'Asia/Tokyo').from).toBe(
      '2026-05-10T00:00:00.000+09:00',
    );
  });

  it('keeps the other filters, joins the statuses, and sends no dates when none were picked', () => {
    const params = repairListParams(
      { ...page, status: ['NAO_INICIADO', 'EM_ANDAMENTO'], q: 'Helena', sort: '-receivedAt' },
      SAO_PAULO,
    );
    expect(params).toEqual({
      ...page,
      status: 'NAO_INICIADO,EM_ANDAMENTO',
      q: 'Helena',
      sort: '-receivedAt',
    });
    expect(repairListParams({ ...page, status: [] }, SAO_PAULO).status).toBeUndefined();
  });
});
