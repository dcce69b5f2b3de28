/**
 * Latin words a Russian interface rightly shows: product and format names, key names, units.
 * Extend with care — every other Latin word on a Russian screen is an untranslated string.
 * (The screen scan compares without case: ".svg", "lanemap.json" are file names.)
 */
export const LATIN_ALLOWED = [
  'Lanemap',
  'PNG',
  'SVG',
  'CSV',
  'XLSX',
  'DOCX',
  'Word',
  'JSON',
  // BPMN 2.0, the process notation (issue 11), and its files
  'BPMN',
  // the scheme of a team server's address (an example in Settings → Team libraries)
  'https',
  'XML',
  'PDF',
  'ZIP',
  // names of analysis methods, kept as Russian analysts write them
  'RACI',
  'SIPOC',
  'KPI',
  'NPS',
  'SWOT',
  'Lean',
  'CRM',
  'Excel',
  'Ctrl',
  'Shift',
  'Alt',
  'Cmd',
  'Esc',
  'Enter',
  'Tab',
  'Delete',
  'Backspace',
  'Home',
  'End',
  'PgUp',
  'PgDn',
  'Insert',
  'F5',
  'F2',
  'F10',
  'F2',
  'px',
];
