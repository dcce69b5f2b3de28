/**
 * The words of a BPMN import's summary and problems, in English and Russian (the app and the CLI).
 * Kept lines read "12 user tasks → tasks", lines not kept "Not kept: 5 message definitions:
 * Lanemap keeps what the steps and flows use…"; Russian counts take their plural forms
 * (1 задача, 2 задачи, 5 задач). A type or code this file does not know is still said, plainly.
 */
import type { BpmnProblem, ImportSummary, SummaryLine } from './import';

export type SummaryLang = 'en' | 'ru';

/** English [one, many]; Russian [one, few, many] (1 задача, 2 задачи, 5 задач). */
type Noun = { en: [string, string]; ru: [string, string, string] };

const ELEMENTS: Record<string, Noun> = {
  task: { en: ['task', 'tasks'], ru: ['задача', 'задачи', 'задач'] },
  userTask: { en: ['user task', 'user tasks'], ru: ['пользовательская задача', 'пользовательские задачи', 'пользовательских задач'] },
  serviceTask: { en: ['service task', 'service tasks'], ru: ['сервисная задача', 'сервисные задачи', 'сервисных задач'] },
  sendTask: { en: ['send task', 'send tasks'], ru: ['задача отправки', 'задачи отправки', 'задач отправки'] },
  receiveTask: { en: ['receive task', 'receive tasks'], ru: ['задача получения', 'задачи получения', 'задач получения'] },
  manualTask: { en: ['manual task', 'manual tasks'], ru: ['ручная задача', 'ручные задачи', 'ручных задач'] },
  businessRuleTask: { en: ['business rule task', 'business rule tasks'], ru: ['задача бизнес-правила', 'задачи бизнес-правил', 'задач бизнес-правил'] },
  scriptTask: { en: ['script task', 'script tasks'], ru: ['задача-сценарий', 'задачи-сценария', 'задач-сценариев'] },
  subProcess: { en: ['sub-process', 'sub-processes'], ru: ['подпроцесс', 'подпроцесса', 'подпроцессов'] },
  adHocSubProcess: { en: ['ad-hoc sub-process', 'ad-hoc sub-processes'], ru: ['произвольный подпроцесс', 'произвольных подпроцесса', 'произвольных подпроцессов'] },
  transaction: { en: ['transaction', 'transactions'], ru: ['транзакция', 'транзакции', 'транзакций'] },
  callActivity: { en: ['call activity', 'call activities'], ru: ['вызов процесса', 'вызова процесса', 'вызовов процесса'] },
  exclusiveGateway: { en: ['exclusive gateway', 'exclusive gateways'], ru: ['исключающий шлюз', 'исключающих шлюза', 'исключающих шлюзов'] },
  inclusiveGateway: { en: ['inclusive gateway', 'inclusive gateways'], ru: ['включающий шлюз', 'включающих шлюза', 'включающих шлюзов'] },
  eventBasedGateway: { en: ['event-based gateway', 'event-based gateways'], ru: ['шлюз по событиям', 'шлюза по событиям', 'шлюзов по событиям'] },
  complexGateway: { en: ['complex gateway', 'complex gateways'], ru: ['сложный шлюз', 'сложных шлюза', 'сложных шлюзов'] },
  parallelGateway: { en: ['parallel gateway', 'parallel gateways'], ru: ['параллельный шлюз', 'параллельных шлюза', 'параллельных шлюзов'] },
  startEvent: { en: ['start event', 'start events'], ru: ['начальное событие', 'начальных события', 'начальных событий'] },
  endEvent: { en: ['end event', 'end events'], ru: ['конечное событие', 'конечных события', 'конечных событий'] },
  intermediateCatchEvent: { en: ['intermediate catch event', 'intermediate catch events'], ru: ['промежуточное событие (ожидание)', 'промежуточных события (ожидание)', 'промежуточных событий (ожидание)'] },
  intermediateThrowEvent: { en: ['intermediate throw event', 'intermediate throw events'], ru: ['промежуточное событие (отправка)', 'промежуточных события (отправка)', 'промежуточных событий (отправка)'] },
  boundaryEvent: { en: ['boundary event', 'boundary events'], ru: ['граничное событие', 'граничных события', 'граничных событий'] },
  sequenceFlow: { en: ['sequence flow', 'sequence flows'], ru: ['поток управления', 'потока управления', 'потоков управления'] },
  messageFlow: { en: ['message flow', 'message flows'], ru: ['поток сообщений', 'потока сообщений', 'потоков сообщений'] },
  lane: { en: ['lane', 'lanes'], ru: ['дорожка', 'дорожки', 'дорожек'] },
  participant: { en: ['pool', 'pools'], ru: ['пул', 'пула', 'пулов'] },
  process: { en: ['process', 'processes'], ru: ['процесс', 'процесса', 'процессов'] },
  dataObjectReference: { en: ['data object', 'data objects'], ru: ['объект данных', 'объекта данных', 'объектов данных'] },
  dataObject: { en: ['data object', 'data objects'], ru: ['объект данных', 'объекта данных', 'объектов данных'] },
  dataStoreReference: { en: ['data store', 'data stores'], ru: ['хранилище данных', 'хранилища данных', 'хранилищ данных'] },
  dataStore: { en: ['data store definition', 'data store definitions'], ru: ['определение хранилища', 'определения хранилища', 'определений хранилищ'] },
  dataInput: { en: ['data input', 'data inputs'], ru: ['входные данные', 'входных данных', 'входных данных'] },
  dataOutput: { en: ['data output', 'data outputs'], ru: ['выходные данные', 'выходных данных', 'выходных данных'] },
  property: { en: ['property', 'properties'], ru: ['свойство', 'свойства', 'свойств'] },
  inputOutputSpecification: { en: ['input/output specification', 'input/output specifications'], ru: ['описание входов и выходов', 'описания входов и выходов', 'описаний входов и выходов'] },
  textAnnotation: { en: ['text annotation', 'text annotations'], ru: ['текстовая аннотация', 'текстовые аннотации', 'текстовых аннотаций'] },
  association: { en: ['association', 'associations'], ru: ['ассоциация', 'ассоциации', 'ассоциаций'] },
  group: { en: ['group', 'groups'], ru: ['группа', 'группы', 'групп'] },
  category: { en: ['category', 'categories'], ru: ['категория', 'категории', 'категорий'] },
  documentation: { en: ['documentation text', 'documentation texts'], ru: ['текст документации', 'текста документации', 'текстов документации'] },
  formalExpression: { en: ['condition', 'conditions'], ru: ['условие', 'условия', 'условий'] },
  message: { en: ['message definition', 'message definitions'], ru: ['определение сообщения', 'определения сообщений', 'определений сообщений'] },
  itemDefinition: { en: ['item definition', 'item definitions'], ru: ['определение данных', 'определения данных', 'определений данных'] },
  resource: { en: ['resource definition', 'resource definitions'], ru: ['определение ресурса', 'определения ресурсов', 'определений ресурсов'] },
  potentialOwner: { en: ['potential owner', 'potential owners'], ru: ['возможный исполнитель', 'возможных исполнителя', 'возможных исполнителей'] },
  performer: { en: ['performer', 'performers'], ru: ['исполнитель', 'исполнителя', 'исполнителей'] },
  humanPerformer: { en: ['performer', 'performers'], ru: ['исполнитель', 'исполнителя', 'исполнителей'] },
  globalTask: { en: ['global task', 'global tasks'], ru: ['глобальная задача', 'глобальные задачи', 'глобальных задач'] },
  standardLoopCharacteristics: { en: ['loop marker', 'loop markers'], ru: ['маркер цикла', 'маркера цикла', 'маркеров цикла'] },
  multiInstanceLoopCharacteristics: { en: ['multi-instance marker', 'multi-instance markers'], ru: ['маркер многоэкземплярности', 'маркера многоэкземплярности', 'маркеров многоэкземплярности'] },
  import: { en: ['import of another file', 'imports of other files'], ru: ['импорт другого файла', 'импорта других файлов', 'импортов других файлов'] },
  conversation: { en: ['conversation', 'conversations'], ru: ['диалог', 'диалога', 'диалогов'] },
  choreographyTask: { en: ['choreography task', 'choreography tasks'], ru: ['задача хореографии', 'задачи хореографии', 'задач хореографии'] },
  // names and texts cut to Lanemap's limits (became: 'cut-<limit>')
  stepName: { en: ['step name', 'step names'], ru: ['название шага', 'названия шагов', 'названий шагов'] },
  flowName: { en: ['flow name', 'flow names'], ru: ['название связи', 'названия связей', 'названий связей'] },
  laneName: { en: ['lane name', 'lane names'], ru: ['название дорожки', 'названия дорожек', 'названий дорожек'] },
  mapTitle: { en: ['map title', 'map titles'], ru: ['название карты', 'названия карт', 'названий карт'] },
  phaseName: { en: ['phase name', 'phase names'], ru: ['название этапа', 'названия этапов', 'названий этапов'] },
  itemName: { en: ['input, output or resource name', 'input, output or resource names'], ru: ['название входа, выхода или ресурса', 'названия входов, выходов или ресурсов', 'названий входов, выходов или ресурсов'] },
  descriptionText: { en: ['description', 'descriptions'], ru: ['описание', 'описания', 'описаний'] },
  noteText: { en: ['note text', 'note texts'], ru: ['текст заметки', 'текста заметок', 'текстов заметок'] },
  item: { en: ['input, output or resource', 'inputs, outputs or resources'], ru: ['вход, выход или ресурс', 'входа, выхода или ресурса', 'входов, выходов или ресурсов'] },
};

/** What the elements became ("→ tasks"). */
const BECAME: Record<string, { en: string; ru: string }> = {
  task: { en: 'tasks', ru: 'задачи' },
  subprocess: { en: 'sub-process steps', ru: 'шаги-подпроцессы' },
  decision: { en: 'decisions', ru: 'решения' },
  parallel: { en: 'parallel splits and joins', ru: 'параллельные ветвления' },
  start: { en: 'start steps', ru: 'шаги «Начало»' },
  end: { en: 'end steps', ru: 'шаги «Конец»' },
  event: { en: 'event steps', ru: 'шаги-события' },
  flow: { en: 'flows', ru: 'связи' },
  message: { en: 'flows shown as messages (dashed)', ru: 'связи-сообщения (пунктиром)' },
  lane: { en: 'lanes', ru: 'дорожки' },
  map: { en: 'the map (its title)', ru: 'карта (её название)' },
  'lane-name': { en: 'the first part of lane names («Pool / Lane»)', ru: 'начало названий дорожек («Пул / Дорожка»)' },
  input: { en: 'inputs of the steps', ru: 'входы шагов' },
  output: { en: 'outputs of the steps', ru: 'выходы шагов' },
  'input-output': { en: 'inputs and outputs of the steps', ru: 'входы и выходы шагов' },
  resource: { en: 'resources of the steps', ru: 'ресурсы шагов' },
  description: { en: 'text in the steps’ descriptions', ru: 'текст в описаниях шагов' },
  note: { en: 'notes on the map', ru: 'заметки на карте' },
  phase: { en: 'phases', ru: 'этапы' },
};

/** How elements were kept differently, or why they were not kept. */
const REASONS: Record<string, { en: string; ru: string }> = {
  boundary: { en: 'each placed after the task it sits on, with a flow from it', ru: 'каждое после своей задачи, со связью от неё' },
  'boundary-non-interrupting': {
    en: 'non-interrupting: each became an ordinary event step after the task it sits on, with a flow from it; that the task goes on is not kept',
    ru: 'непрерывающие: каждое стало обычным шагом-событием после своей задачи, со связью от неё; то, что задача продолжается, не перенесено',
  },
  'boundary-unattached': {
    en: 'the task they sit on is not on the same map, so each became an event step on its own',
    ru: 'их задача не на той же карте, поэтому каждое стало отдельным шагом-событием',
  },
  'gateway-kind': {
    en: 'Lanemap has one kind of decision: the gateway’s own rule for choosing the ways is not kept',
    ru: 'в Lanemap один вид решения: собственное правило шлюза для выбора путей не перенесено',
  },
  'content-map': { en: 'each linked to a new map with its content', ru: 'каждый со ссылкой на новую карту с его содержимым' },
  'called-map': { en: 'linked to the map of the process they call', ru: 'со ссылкой на карту вызываемого процесса' },
  'called-in-main': { en: 'not linked: the process they call is part of this map', ru: 'без ссылки: вызываемый процесс уже на этой карте' },
  'not-in-file': { en: 'not linked: the process they call is not in the file', ru: 'без ссылки: вызываемого процесса нет в файле' },
  empty: { en: 'without content, so not linked to a map', ru: 'без содержимого, поэтому без своей карты' },
  transaction: { en: 'linked to a new map; the transaction’s compensation and cancellation are not kept', ru: 'со ссылкой на новую карту; компенсация и отмена транзакции не перенесены' },
  'title-cut': { en: 'names longer than 300 characters were cut', ru: 'названия длиннее 300 знаков обрезаны' },
  'label-cut': { en: 'names longer than 120 characters were cut', ru: 'названия длиннее 120 знаков обрезаны' },
  nested: { en: 'nested lanes are flattened: «Parent / Child»', ru: 'вложенные дорожки развёрнуты: «Родитель / Дочерняя»' },
  'via-subprocess': { en: 'an end inside a sub-process is attached to the sub-process step', ru: 'конец внутри подпроцесса присоединён к шагу-подпроцессу' },
  'pool-start': { en: 'one ending at a pool’s border goes to the pool’s first start', ru: 'поток к границе пула ведёт к его первому началу' },
  'pool-end': { en: 'one starting at a pool’s border leaves from the pool’s last step', ru: 'поток от границы пула идёт от его последнего шага' },
  // not kept
  'pool-border': { en: 'a pool without steps has no step to attach a message to', ru: 'у пула без шагов нет шага, к которому можно привести сообщение' },
  'no-ends': { en: 'a step they connect was not kept', ru: 'шаг на одном из концов не перенесён' },
  'self-loop': { en: 'a flow from a step to itself is not allowed in Lanemap', ru: 'связь шага с самим собой в Lanemap недопустима' },
  duplicate: { en: 'the same two steps are already connected', ru: 'эти два шага уже связаны' },
  unassociated: { en: 'no step is associated with it', ru: 'нет связи ни с одним шагом' },
  'not-stages': { en: 'the groups do not divide the map into stages from left to right, so they cannot be phases', ru: 'группы не делят карту на этапы слева направо, поэтому не стали этапами' },
  'not-drawn': { en: 'the file does not draw the groups, so which steps they hold is unknown', ru: 'в файле нет рисунка групп, поэтому неизвестно, какие шаги в них' },
  condition: { en: 'conditions of flows are not kept (the flow’s name is its label)', ru: 'условия потоков не переносятся (подписью связи служит её название)' },
  'io-spec': { en: 'a step’s inner data definitions have no place in Lanemap (its associated data objects are its inputs and outputs)', ru: 'внутренним описаниям данных шага нет места в Lanemap (входы и выходы берутся из связанных объектов данных)' },
  loop: { en: 'loop and multi-instance markers have no place in Lanemap', ru: 'маркерам цикла и многоэкземплярности нет места в Lanemap' },
  definition: { en: 'shared definitions are not kept; Lanemap keeps what the steps and flows use', ru: 'общие определения не переносятся; Lanemap хранит то, что используют шаги и связи' },
  'called-not-process': { en: 'a call activity calls it, but only processes become maps', ru: 'её вызывает шаг, но картами становятся только процессы' },
  conversation: { en: 'conversations have no place in Lanemap', ru: 'диалогам нет места в Lanemap' },
  choreography: { en: 'choreographies have no place in Lanemap', ru: 'хореографиям нет места в Lanemap' },
  'resource-unnamed': { en: 'no resource is named', ru: 'ресурс не назван' },
  association: { en: 'the association connects nothing Lanemap keeps', ru: 'ассоциация не связывает ничего из перенесённого' },
  'empty-text': { en: 'there is no text in it', ru: 'текста нет' },
  'flow-text': { en: 'Lanemap flows have no description', ru: 'у связей в Lanemap нет описания' },
  'too-many-items': { en: 'a step holds at most 200 of each (inputs, outputs, resources)', ru: 'у шага не больше 200 входов, выходов и ресурсов каждого вида' },
  'too-many-notes': { en: 'a map holds at most 500 notes', ru: 'на карте не больше 500 заметок' },
  'unknown-namespace': { en: 'another tool’s extension, which Lanemap does not know', ru: 'расширение другой программы, которого Lanemap не знает' },
  unrecognized: { en: 'not an element of BPMN 2.0', ru: 'такого элемента нет в BPMN 2.0' },
  unsupported: { en: 'Lanemap has no place for it', ru: 'для этого в Lanemap нет места' },
};

/** The Russian plural form of `n`: 0 one, 1 few, 2 many (1 задача, 2 задачи, 5 задач). */
function ruForm(n: number): 0 | 1 | 2 {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return 0;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return 1;
  return 2;
}

function counted(line: SummaryLine, lang: SummaryLang): string {
  const noun = ELEMENTS[line.element];
  const n = line.count.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB');
  if (noun) return lang === 'ru' ? `${n} ${noun.ru[ruForm(line.count)]}` : `${n} ${noun.en[line.count === 1 ? 0 : 1]}`;
  // an element this file has no words for: its name as the file writes it
  if (lang === 'ru') return `${n} ${['элемент', 'элемента', 'элементов'][ruForm(line.count)]} ${line.element}`;
  return `${n} ${line.element} element${line.count === 1 ? '' : 's'}`;
}

function reason(code: string | undefined, lang: SummaryLang): string {
  if (!code) return '';
  return REASONS[code]?.[lang] ?? code;
}

/** Reasons of lines kept, but not as they were in the file: said under "kept with changes". */
const CHANGES = new Set(['boundary', 'boundary-non-interrupting', 'boundary-unattached', 'gateway-kind', 'nested', 'via-subprocess', 'pool-start', 'pool-end', 'transaction', 'called-in-main']);

/**
 * The summary as sentences: what became what as it was ("12 user tasks → tasks"), what was kept
 * but changed (a non-interrupting boundary event made an ordinary event step, an inclusive
 * gateway a decision, names cut to a limit: "Cut to 300 characters (Lanemap’s limit): 2 step
 * names"), and what could not be kept and why. The file was kept whole only when the last two are empty.
 */
export function describeSummary(summary: ImportSummary, lang: SummaryLang): { kept: string[]; changed: string[]; lost: string[] } {
  const kept: string[] = [];
  const changed: string[] = [];
  const lost: string[] = [];
  for (const line of summary.lines) {
    const why = reason(line.reason, lang);
    const cut = line.became ? /^cut-(\d+)$/.exec(line.became) : null;
    if (cut) {
      const n = Number(cut[1]).toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB');
      changed.push(lang === 'ru' ? `Обрезано до ${n} знаков (предел Lanemap): ${counted(line, lang)}` : `Cut to ${n} characters (Lanemap’s limit): ${counted(line, lang)}`);
    } else if (line.became) {
      const what = BECAME[line.became]?.[lang] ?? line.became;
      const text = `${counted(line, lang)} → ${what}${why ? ` (${why})` : ''}`;
      (line.reason && CHANGES.has(line.reason) ? changed : kept).push(text);
    } else {
      lost.push(lang === 'ru' ? `Не перенесено: ${counted(line, lang)}. ${capital(why || REASONS.unsupported!.ru)}.` : `Not kept: ${counted(line, lang)}. ${capital(why || REASONS.unsupported!.en)}.`);
    }
  }
  return { kept, changed, lost };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const PROBLEMS: Record<BpmnProblem, { en: string; ru: string }> = {
  'not-xml': { en: 'This file is not XML, or its XML is broken, so it cannot be a BPMN file.', ru: 'Это не XML или XML в файле повреждён, поэтому это не файл BPMN.' },
  'not-bpmn': {
    en: 'This file is not a BPMN 2.0 model (it has no bpmn:definitions at its root).',
    ru: 'Это не модель BPMN 2.0 (в её корне нет bpmn:definitions).',
  },
  doctype: {
    en: 'This file declares a DOCTYPE, which BPMN files do not use and Lanemap does not read for safety.',
    ru: 'В файле объявлен DOCTYPE: в файлах BPMN его не бывает, и Lanemap такие файлы не читает ради безопасности.',
  },
  'too-large': { en: 'This file is too large to import (over 20 MB).', ru: 'Файл слишком большой для импорта (больше 20 МБ).' },
  'too-many-elements': {
    en: 'This file holds too many elements to import (over 20,000), or its sub-processes are nested too deep.',
    ru: 'В файле слишком много элементов для импорта (больше 20 000) или подпроцессы вложены слишком глубоко.',
  },
  'broken-references': {
    en: 'This file refers to elements it does not hold, or its processes call one another in a circle.',
    ru: 'Файл ссылается на элементы, которых в нём нет, или его процессы вызывают друг друга по кругу.',
  },
  'no-process': { en: 'This BPMN file holds no process to import.', ru: 'В этом файле BPMN нет процесса, который можно импортировать.' },
  timeout: { en: 'Reading this file took too long and was stopped.', ru: 'Чтение файла заняло слишком много времени и было остановлено.' },
};

/** Why a file could not be imported, as a sentence. */
export function describeProblem(code: BpmnProblem, lang: SummaryLang): string {
  return PROBLEMS[code]?.[lang] ?? PROBLEMS['not-bpmn'][lang];
}
