import { describe, expect, it } from 'vitest';
import { initialsOf } from '../../src/lib/text/initials.ts';

describe('initialsOf', () => {
  it('takes the first and last name’s first letters', () => {
    expect(initialsOf('Sofia Marchetti')).toBe('SM');
    expect(initialsOf('  María José  de la Cruz ')).toBe('MC');
    expect(initialsOf('Ørjan Ødegård')).toBe('ØØ');
  });

  it('uses one letter for a single name and nothing for none', () => {
    expect(initialsOf('cher')).toBe('C');
    expect(initialsOf('')).toBe('');
  });
});
