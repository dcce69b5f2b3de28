/** Interface texts of the BPMN-like kinds (parallel split/join, events, triggers, message flows), English and Russian (wired into i18n/en.ts and ru.ts as `kinds`). */
export const kindsText = {
  en: {
    addParallel: 'Add a parallel split / join (all branches run)',
    addEvent: 'Add an event (something awaited or sent)',
    /** On the canvas: the trigger marker's tooltip. */
    waitsForTrigger: 'Waits for: {{trigger}}',
    sendsTrigger: 'Sends: {{trigger}}',
    /** Inspector: what the start, event or end waits for or sends. */
    triggerStart: 'What starts it',
    triggerEvent: 'What it waits for',
    triggerEventSends: 'What it sends',
    triggerEnd: 'What it sends at the end',
    triggerHint: 'A message: the customer’s reply; a timer: three days pass; plain: nothing in particular.',
    direction: 'Waits or sends',
    waits: 'Waits for it',
    sends: 'Sends it',
    parallelHint: 'All branches after it run, each in its own time; where they meet again, the next step waits for all of them.',
    message: 'Message between parties',
    messageHint: 'Information passing between parties (an e-mail to the customer, the bank’s answer) rather than work: drawn dashed.',
    shortcuts: {
      parallel: 'Add a parallel split / join after the selected step (or in the lane last worked in)',
      event: 'Add an event after the selected step (or in the lane last worked in)',
    },
  },
  ru: {
    addParallel: 'Добавить параллельное ветвление или слияние (идут все ветви)',
    addEvent: 'Добавить событие (чего ждут или что отправляют)',
    waitsForTrigger: 'Ожидает: {{trigger}}',
    sendsTrigger: 'Отправляет: {{trigger}}',
    triggerStart: 'Что запускает',
    triggerEvent: 'Чего ожидает',
    triggerEventSends: 'Что отправляет',
    triggerEnd: 'Что отправляет в конце',
    triggerHint: 'Сообщение: ответ клиента; таймер: прошло три дня; простое: ничего особого.',
    direction: 'Ожидает или отправляет',
    waits: 'Ожидает',
    sends: 'Отправляет',
    parallelHint: 'Все ветви после него идут одновременно, каждая в своём темпе; где они сходятся, следующий шаг ждёт их все.',
    message: 'Сообщение между участниками',
    messageHint: 'Передача сведений между участниками (письмо клиенту, ответ банка), а не работы: рисуется пунктиром.',
    shortcuts: {
      parallel: 'Добавить параллельное ветвление после выбранного шага (или в последней дорожке)',
      event: 'Добавить событие после выбранного шага (или в последней дорожке)',
    },
  },
};
