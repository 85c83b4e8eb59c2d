import escapeHtml from 'escape-html';
/** The printable envelope «Код активации Mobipass»: the 4 parts, in the order the phone asks for them. */
const PART_NAMES = ['Первая часть', 'Вторая часть', 'Третья часть', 'Четвертая часть'];
export const ENVELOPE_TITLE = 'Код активации Mobipass';
const INSTRUCTION = 'Запустите MobiPass, выберите «Сохранить ключ», задайте PIN-код и введите 4 части кода по порядку.';
const WARNING =
  'Храните код в секрете. При утрате телефона обратитесь в круглосуточную службу поддержки для блокировки MobiPass.';

export interface EnvelopeContent {
  customer: string;
  parts: string[];
}

export function envelopeText({ customer, parts }: EnvelopeContent): string {
  const lines = [ENVELOPE_TITLE, `Клиент: ${customer}`, ''];
  parts.forEach((part, i) => lines.push(`${PART_NAMES[i]}: ${part}`));
  lines.push('', INSTRUCTION, WARNING, '');
  return lines.join('\n');
}

export function envelopeHtml({ customer, parts }: EnvelopeContent): string {
  const rows = parts
    .map((part, i) => `<tr><th>${PART_NAMES[i]}</th><td class="part">${escapeHtml(part)}</td></tr>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>${ENVELOPE_TITLE}</title>
<style>
body{font-family:sans-serif;margin:2em}
.envelope{border:2px dashed #444;padding:1.5em;max-width:28em}
h1{font-size:1.3em;margin-top:0}
th{text-align:left;font-weight:normal;padding-right:1em}
.part{font-family:monospace;font-size:1.6em;letter-spacing:.15em}
@media print{body{margin:0}}
</style></head>
<body><div class="envelope">
<h1>${ENVELOPE_TITLE}</h1>
<p>Клиент: ${escapeHtml(customer)}</p>
<table>${rows}</table>
<p>${INSTRUCTION}</p>
<p><strong>${WARNING}</strong></p>
</div></body></html>
`;
}
