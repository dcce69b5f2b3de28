import { AUTOMATION_NAMES } from '../../shared/views/optimise';

/** Interface texts shared by the optimisation toolkit (KPIs, automation), English and Russian (wired into i18n as `optimise`). */
export const optimiseText = {
  en: {
    automation: {
      label: 'Automation',
      levels: AUTOMATION_NAMES.en,
      system: 'System',
    },
    kpi: {
      target: 'target {{value}}',
      status: { met: 'on target', missed: 'off target', unknown: 'no target or value yet' },
      better: { higher: 'higher is better', lower: 'lower is better' },
    },
  },
  ru: {
    automation: {
      label: 'Автоматизация',
      levels: AUTOMATION_NAMES.ru,
      system: 'Система',
    },
    kpi: {
      target: 'цель {{value}}',
      status: { met: 'цель достигнута', missed: 'цель не достигнута', unknown: 'нет цели или значения' },
      better: { higher: 'чем больше, тем лучше', lower: 'чем меньше, тем лучше' },
    },
  },
};
