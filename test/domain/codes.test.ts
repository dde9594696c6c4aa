import { describe, expect, it } from 'vitest';
import { checkCode, codeKey, generateCode } from '../../worker/domain/codes';

describe('promo code rules', () => {
  const cases: [string, ReturnType<typeof checkCode>][] = [
    ['DEMO', null],
    ['acme-spring_26', null],
    ['abc', null],
    ['ab', 'invalid'],
    ['-LEADING', 'invalid'],
    ['has space', 'invalid'],
    ['ÅÄÖ-CODE', 'invalid'],
    ['A'.repeat(33), 'invalid'],
    ['api', 'reserved'],
    ['Dashboard', 'reserved'],
    ['WIDGET', 'reserved'],
  ];
  for (const [code, problem] of cases) {
    it(`"${code.length > 20 ? code.slice(0, 8) + '…' : code}" is ${problem ?? 'valid'}`, () => expect(checkCode(code)).toBe(problem));
  }

  it('compares codes regardless of case', () => {
    expect(codeKey(' acme-Spring ')).toBe(codeKey('ACME-SPRING'));
  });

  it('generates valid codes without look-alike characters', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCode();
      expect(checkCode(code)).toBeNull();
      expect(code).not.toMatch(/[01OILSZB258]/);
    }
  });
});
