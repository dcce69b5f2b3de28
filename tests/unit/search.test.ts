/** Finding maps and steps by what a person types, in Russian as in English. */
import { describe, expect, test } from 'vitest';
import { findSteps, foldText, matchesQuery } from '../../shared/model/search';
import { salesMap } from '../support/builders';

describe('matching typed text', () => {
  test('Cyrillic is matched without regard to case, and ё and е find each other', () => {
    expect(matchesQuery('квалификация', 'Квалификация лида')).toBe(true);
    expect(matchesQuery('КВАЛИФИКАЦИЯ ЛИДА', 'квалификация лида')).toBe(true);
    expect(matchesQuery('отчет', 'Отчёт об отклонениях')).toBe(true);
    expect(matchesQuery('отчёт', 'Отчет об отклонениях')).toBe(true);
    expect(matchesQuery('Ёлка', 'ЕЛКА')).toBe(true);
  });

  test('every word is required, in any order, and extra spaces do not matter', () => {
    expect(matchesQuery('  лида   квалификация ', 'Квалификация лида')).toBe(true);
    expect(matchesQuery('квалификация сделки', 'Квалификация лида')).toBe(false);
    expect(matchesQuery('', 'anything')).toBe(true);
  });

  test('a decomposed letter (и + combining breve) matches the composed й', () => {
    expect(foldText('Сделка закрыи\u0306')).toBe(foldText('Сделка закрый'));
    expect(matchesQuery('закрый', 'Сделка закрыи\u0306')).toBe(true);
  });

  test('Latin text is matched the same way', () => {
    expect(matchesQuery('crm', 'Update the CRM')).toBe(true);
    expect(matchesQuery('invoice', 'Update the CRM')).toBe(false);
  });
});

describe('finding steps in a map', () => {
  test('given a Russian map, when searching a word of an input, then the steps carrying it are found in reading order', () => {
    const doc = salesMap('s');
    const all = Object.values(doc.steps);
    const target = all[1]!;
    const withItem = { ...doc, steps: { ...doc.steps, [target.id]: { ...target, inputs: [...target.inputs, 'Прайс-лист'] } } };
    expect(findSteps(withItem, 'ПРАЙС').map((s) => s.id)).toEqual([target.id]);
    expect(findSteps(withItem, '   ')).toEqual([]);
    expect(findSteps(withItem, 'нет такого слова')).toEqual([]);
  });
});
