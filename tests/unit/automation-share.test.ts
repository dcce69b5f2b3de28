/**
 * The share field of a flow leaving a decision reads what a Russian or English user types:
 * a decimal comma or point, a trailing percent sign, spaces; anything else is refused (NaN), and
 * an empty field clears the share. The command keeps one decimal and refuses out-of-range values.
 */
import { expect, test } from 'vitest';
import { applyCommand, cmd } from '../../shared/model/commands';
import { parseShare } from '../../src-renderer/optimise/automation/AutomationFields';
import { buildMap } from '../support/builders';

test('a decimal comma or point, a percent sign and spaces are read; empty is null; anything else is NaN', () => {
  expect(parseShare('80,5')).toBe(80.5);
  expect(parseShare('80.5')).toBe(80.5);
  expect(parseShare(' 30 % ')).toBe(30);
  expect(parseShare(',5')).toBe(0.5);
  expect(parseShare('')).toBeNull();
  expect(parseShare('  ')).toBeNull();
  for (const bad of ['abc', '-5', '1,2,3', '<script>alert(1)</script>', '1e3', '١٢']) expect(parseShare(bad)).toBeNaN();
});

test('setFlowShare keeps one decimal, clears with null and refuses more than 100', () => {
  const doc = buildMap({
    roles: [{ id: 'r' }],
    steps: [
      { id: 'q', role: 'r', kind: 'decision' },
      { id: 'a', role: 'r' },
    ],
    flows: [{ from: 'q', to: 'a' }],
  });
  const set = applyCommand(doc, cmd('setFlowShare', { flowId: 'f-q-a', share: 33.333 }));
  expect(set.flows['f-q-a']!.share).toBe(33.3);
  expect(applyCommand(set, cmd('setFlowShare', { flowId: 'f-q-a', share: null })).flows['f-q-a']!.share).toBeUndefined();
  expect(() => applyCommand(doc, cmd('setFlowShare', { flowId: 'f-q-a', share: 120 }))).toThrow(/0 to 100/);
});
