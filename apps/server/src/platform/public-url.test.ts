import { describe, expect, it } from 'vitest';
import { isPubliclyReachable } from './public-url.js';

describe('isPubliclyReachable', () => {
  it.each([
    'http://localhost:3000',
    'http://127.0.0.1:3000',
    'http://[::1]:3000',
    'http://0.0.0.0',
    'http://10.0.0.5',
    'http://172.20.1.1',
    'http://192.168.0.10:3000',
    'http://169.254.1.1',
    'http://[fd12::1]',
    'http://oficina.local',
    'http://app.localhost',
    'http://oficina:3000',
    'not a url',
  ])('says customers cannot open %s', (url) => {
    expect(isPubliclyReachable(url)).toBe(false);
  });

  it.each([
    'https://oficina.com.br',
    'http://203.0.113.7:3000',
    'https://bancada.example.com/app',
  ])('says customers can open %s', (url) => {
    expect(isPubliclyReachable(url)).toBe(true);
  });
});
