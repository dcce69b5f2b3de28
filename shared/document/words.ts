/** The words of the process document (регламент процесса), English and Russian. */
import type { MapStatus, Purpose } from '../model/types';
import type { ExportLang } from '../export/words';

export interface DocumentWords {
  /** What the document is: the line above the map's title, and the file's subject when no purpose is said. */
  kind: string;
  facts: {
    process: string;
    purpose: string;
    owner: string;
    status: string;
    approved: string;
    nextReview: string;
    updated: string;
    scope: string;
  };
  purposes: Record<Purpose, string>;
  notStated: string;
  statuses: Record<MapStatus, string>;
  /** "{by}, {date}". */
  approvedBy: string;
  scope: { steps: [string, string, string]; roles: [string, string, string]; phases: [string, string, string] };
  about: string;
  sections: {
    map: string;
    roles: string;
    phases: string;
    steps: string;
    raci: string;
    sipoc: string;
    figures: string;
    appendix: string;
    comments: string;
    pains: string;
  };
  map: { overview: string; part: string; turned: string; empty: string };
  roles: { role: string; does: string; count: string; none: string };
  phases: { phase: string; steps: string; work: string; none: string; noPhase: string };
  steps: {
    number: string;
    step: string;
    role: string;
    inputs: string;
    outputs: string;
    resources: string;
    duration: string;
    next: string;
    wait: string;
    none: string;
    end: string;
  };
  raciNote: string;
  figures: { leadTime: string; work: string; waiting: string; efficiency: string; handOffs: string; workTotal: string; note: string };
  comments: { about: string; comment: string; map: string; step: string; flow: string; none: string; reply: string };
  pains: { step: string; kind: string; votes: string; none: string };
  page: string;
  contents: string;
}

export const DOCUMENT_WORDS: Record<ExportLang, DocumentWords> = {
  en: {
    kind: 'Process document',
    facts: {
      process: 'Process',
      purpose: 'Purpose',
      owner: 'Owner',
      status: 'Status',
      approved: 'Approved',
      nextReview: 'Next review',
      updated: 'Updated',
      scope: 'Scope',
    },
    purposes: { training: 'Training', optimisation: 'Optimisation', monitoring: 'Monitoring', other: 'Other' },
    notStated: 'not stated',
    statuses: { draft: 'Draft', in_review: 'In review', approved: 'Approved' },
    approvedBy: '{by}, {date}',
    scope: { steps: ['{n} step', '{n} steps', '{n} steps'], roles: ['{n} role', '{n} roles', '{n} roles'], phases: ['{n} phase', '{n} phases', '{n} phases'] },
    about: 'About the process',
    sections: {
      map: 'Map of the process',
      roles: 'Roles and what each does',
      phases: 'Phases',
      steps: 'Steps',
      raci: 'Responsibilities (RACI)',
      sipoc: 'SIPOC',
      figures: 'Figures',
      appendix: 'Appendix',
      comments: 'Open comments',
      pains: 'Pain points',
    },
    map: {
      overview: 'The whole map. The parts below show it at a readable size.',
      part: 'Part {n} of {total}: row {row}, column {col}',
      turned: 'The map reads top to bottom; the picture shows it left to right.',
      empty: 'The map has no steps yet.',
    },
    roles: { role: 'Role', does: 'Steps it performs', count: 'Steps', none: 'No steps' },
    phases: { phase: 'Phase', steps: 'Steps', work: 'Work', none: 'The map has no phases.', noPhase: 'No phase' },
    steps: {
      number: 'No.',
      step: 'Step',
      role: 'Role',
      inputs: 'Inputs',
      outputs: 'Outputs',
      resources: 'Resources',
      duration: 'Duration',
      next: 'Next steps',
      wait: 'wait {time}',
      none: 'The map has no steps yet.',
      end: 'end',
    },
    raciNote: 'R: responsible (the step’s role), A: accountable, C: consulted, I: informed.',
    figures: {
      leadTime: 'Lead time (critical path)',
      work: 'Work on the critical path',
      waiting: 'Waiting, all steps',
      efficiency: 'Efficiency (work in the lead time)',
      handOffs: 'Hand-offs between roles',
      workTotal: 'Work, all steps',
      note: 'A day is 8 working hours.',
    },
    comments: { about: 'About', comment: 'Comment', map: 'The map', step: 'Step {n}', flow: 'Flow {from} → {to}', none: 'No open comments.', reply: 'Reply' },
    pains: { step: 'Step', kind: 'Pain point', votes: 'Votes', none: 'No pain points marked.' },
    page: 'Page {page} of {pages}',
    contents: 'Contents',
  },
  ru: {
    kind: 'Регламент процесса',
    facts: {
      process: 'Процесс',
      purpose: 'Цель',
      owner: 'Владелец',
      status: 'Статус',
      approved: 'Утверждено',
      nextReview: 'Следующий пересмотр',
      updated: 'Обновлено',
      scope: 'Объём',
    },
    purposes: { training: 'Обучение', optimisation: 'Оптимизация', monitoring: 'Контроль', other: 'Другое' },
    notStated: 'не указана',
    statuses: { draft: 'Черновик', in_review: 'На согласовании', approved: 'Утверждена' },
    approvedBy: '{by}, {date}',
    scope: { steps: ['{n} шаг', '{n} шага', '{n} шагов'], roles: ['{n} роль', '{n} роли', '{n} ролей'], phases: ['{n} этап', '{n} этапа', '{n} этапов'] },
    about: 'О процессе',
    sections: {
      map: 'Карта процесса',
      roles: 'Роли и их обязанности',
      phases: 'Этапы',
      steps: 'Шаги процесса',
      raci: 'Ответственность (RACI)',
      sipoc: 'SIPOC',
      figures: 'Показатели',
      appendix: 'Приложение',
      comments: 'Открытые комментарии',
      pains: 'Проблемные места',
    },
    map: {
      overview: 'Карта целиком. Ниже она показана по частям в читаемом масштабе.',
      part: 'Часть {n} из {total}: ряд {row}, столбец {col}',
      turned: 'Карта читается сверху вниз; на рисунке она показана слева направо.',
      empty: 'На карте пока нет шагов.',
    },
    roles: { role: 'Роль', does: 'Выполняемые шаги', count: 'Шагов', none: 'Нет шагов' },
    phases: { phase: 'Этап', steps: 'Шаги', work: 'Работа', none: 'На карте нет этапов.', noPhase: 'Без этапа' },
    steps: {
      number: '№',
      step: 'Шаг',
      role: 'Роль',
      inputs: 'Входы',
      outputs: 'Выходы',
      resources: 'Ресурсы',
      duration: 'Длительность',
      next: 'Следующие шаги',
      wait: 'ожидание {time}',
      none: 'На карте пока нет шагов.',
      end: 'конец',
    },
    raciNote: 'R — исполняет (роль шага), A — отвечает за результат, C — консультирует, I — информируется.',
    figures: {
      leadTime: 'Время выполнения (критический путь)',
      work: 'Работа на критическом пути',
      waiting: 'Ожидание, все шаги',
      efficiency: 'Эффективность (доля работы во времени выполнения)',
      handOffs: 'Передачи между ролями',
      workTotal: 'Работа, все шаги',
      note: 'День — 8 рабочих часов.',
    },
    comments: { about: 'К чему', comment: 'Комментарий', map: 'Карта целиком', step: 'Шаг {n}', flow: 'Связь {from} → {to}', none: 'Открытых комментариев нет.', reply: 'Ответ' },
    pains: { step: 'Шаг', kind: 'Проблема', votes: 'Голосов', none: 'Проблемные места не отмечены.' },
    page: 'Страница {page} из {pages}',
    contents: 'Содержание',
  },
};

/** "1 step" / "5 steps"; «1 шаг», «3 шага», «5 шагов» (forms: one, few, many). */
export function plural(forms: readonly [string, string, string], n: number, lang: ExportLang): string {
  let form: 0 | 1 | 2;
  if (lang === 'ru') {
    const d10 = n % 10;
    const d100 = n % 100;
    form = d10 === 1 && d100 !== 11 ? 0 : d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14) ? 1 : 2;
  } else form = n === 1 ? 0 : 1;
  return forms[form].replace('{n}', String(n));
}
