import type { Language } from '../../app/i18n/languages';

/**
 * The texts of `npm start`'s landing page and demo bank page, per language of the app. `{saveKey}` and
 * `{sign}` are the app's own menu labels (src/app/i18n), `{issue}`, `{signDocument}` and `{send}` the
 * bank page's buttons, `{attemptsLeft}` is filled in by bank.js.
 */
export interface DemoTexts {
  languageName: string;
  language: string;
  landingTitle: string;
  landingHeading: string;
  phoneFrame: string;
  howTo: string;
  steps: string[];
  bankTitle: string;
  bankName: string;
  bankSubtitle: string;
  demoNote: string;
  envelopeHeading: string;
  envelopeIntro: string;
  issue: string;
  envelopeTitle: string;
  envelopeHint: string;
  print: string;
  paymentHeading: string;
  recipient: string;
  recipientValue: string;
  amount: string;
  purpose: string;
  purposeValue: string;
  signDocument: string;
  signingTitle: string;
  warning: string;
  documentCode: string;
  signatureLabel: string;
  back: string;
  send: string;
  unblock: string;
  /** Shown by bank.js. */
  script: {
    accepted: string;
    rejected: string;
    blocked: string;
    used: string;
    expired: string;
    unknown_challenge: string;
    badInput: string;
    noKey: string;
    noConnection: string;
    unblocked: string;
  };
}

export const DEMO_TEXTS: { [lang in Language]: DemoTexts } = {
  ru: {
    languageName: 'Русский',
    language: 'Язык',
    landingTitle: 'MobiPass — демонстрация',
    landingHeading: 'MobiPass: телефон и банк рядом — демонстрация (ключи и данные временные)',
    phoneFrame: 'Телефон с MobiPass',
    howTo: 'Как попробовать',
    steps: [
      'Банк: «{issue}» — появятся 4 части кода активации.',
      'Телефон (кнопки на экране или клавиатура: цифры, Enter, стрелки, Backspace): «{saveKey}», придумайте PIN-код, введите 4 части.',
      'Банк: «{signDocument}» платёж — появится кодовое число документа.',
      'Телефон: «{sign}», PIN-код и кодовое число — телефон покажет значение подписи.',
      'Банк: введите значение подписи и нажмите «{send}» — платёж принят.',
      'Неверный PIN-код даёт неверную подпись; три неверных значения подряд блокируют MobiPass.',
    ],
    bankTitle: 'Демо Банк — Интернет-банкинг',
    bankName: 'Демо Банк',
    bankSubtitle: 'Интернет-банкинг',
    demoNote: 'Демонстрация: клиент «demo», ключи и база временные, только для пробы.',
    envelopeHeading: 'Подключение MobiPass',
    envelopeIntro:
      'Банк выдаёт клиенту конверт «Код активации Mobipass». Повторная выдача заменяет прежний ключ и снимает блокировку.',
    issue: 'Выдать конверт',
    envelopeTitle: 'Код активации Mobipass',
    envelopeHint: 'Введите 4 части в телефоне: «{saveKey}» → PIN-код → части по порядку.',
    print: 'Распечатать конверт',
    paymentHeading: 'Платёжное поручение',
    recipient: 'Получатель',
    recipientValue: 'ТОО «Ромашка»',
    amount: 'Сумма, ₸',
    purpose: 'Назначение платежа',
    purposeValue: 'Оплата по счёту № 17',
    signDocument: 'Подписать',
    signingTitle: 'Подтверждение операции подписью MobiPass.',
    warning:
      'Внимание! В случае, если Вы ошиблись при вводе ПИН-кода в приложение MobiPass, то значение подписи будет рассчитано неверно. При неправильной попытке ввода значения подписи рекомендуем Вам заново ввести ПИН-код и подписать документ. После трех неправильных попыток ввода MobiPass будет заблокирован.',
    documentCode: 'Кодовое число документа:',
    signatureLabel: 'Введите значение подписи:',
    back: '« Вернуться к редактированию',
    send: 'Отправить »',
    unblock: 'Разблокировать (служба поддержки)',
    script: {
      accepted: 'Подпись верна. Платёжное поручение принято в обработку.',
      rejected:
        'Неверное значение подписи. Осталось попыток: {attemptsLeft}. Рекомендуем заново ввести PIN-код и подписать документ.',
      blocked: 'MobiPass заблокирован после трёх неправильных попыток. Обратитесь в круглосуточную службу поддержки.',
      used: 'Этот документ уже подписан.',
      expired:
        'Кодовое число устарело (оно действует 5 минут). Вернитесь к редактированию и подпишите документ заново.',
      unknown_challenge:
        'Банк не знает этого кодового числа (например, выдан новый конверт). Подпишите документ заново.',
      badInput: 'Значение подписи — только цифры с экрана телефона. Проверьте, что введены все цифры.',
      noKey: 'Сначала выдайте конверт с кодом активации.',
      noConnection: 'Ошибка связи с банком: ',
      unblocked: 'Служба поддержки разблокировала MobiPass. Подпишите документ заново.',
    },
  },
  kk: {
    languageName: 'Қазақша',
    language: 'Тіл',
    landingTitle: 'MobiPass — демонстрация',
    landingHeading: 'MobiPass: телефон мен банк қатар — демонстрация (кілттер мен деректер уақытша)',
    phoneFrame: 'MobiPass орнатылған телефон',
    howTo: 'Қалай сынап көруге болады',
    steps: [
      'Банк: «{issue}» — белсендіру кодының 4 бөлігі шығады.',
      'Телефон (экрандағы түймелер немесе пернетақта: сандар, Enter, бағыттауыштар, Backspace): «{saveKey}», PIN-код ойлап табыңыз, 4 бөлікті енгізіңіз.',
      'Банк: төлемге «{signDocument}» — құжаттың кодтық саны шығады.',
      'Телефон: «{sign}», PIN-код және кодтық сан — телефон қолтаңба мәнін көрсетеді.',
      'Банк: қолтаңба мәнін енгізіп, «{send}» түймесін басыңыз — төлем қабылданды.',
      'PIN-код қате болса, қолтаңба да қате болады; қатарынан үш қате мән MobiPass-ты бұғаттайды.',
    ],
    bankTitle: 'Демо Банк — Интернет-банкинг',
    bankName: 'Демо Банк',
    bankSubtitle: 'Интернет-банкинг',
    demoNote: 'Демонстрация: «demo» клиенті, кілттер мен дерекқор уақытша, тек сынап көру үшін.',
    envelopeHeading: 'MobiPass қосу',
    envelopeIntro:
      'Банк клиентке «MobiPass белсендіру коды» конвертін береді. Қайта беру бұрынғы кілтті ауыстырады және бұғаттауды алады.',
    issue: 'Конверт беру',
    envelopeTitle: 'MobiPass белсендіру коды',
    envelopeHint: '4 бөлікті телефонға енгізіңіз: «{saveKey}» → PIN-код → бөліктер ретімен.',
    print: 'Конвертті басып шығару',
    paymentHeading: 'Төлем тапсырмасы',
    recipient: 'Алушы',
    recipientValue: '«Ромашка» ЖШС',
    amount: 'Сомасы, ₸',
    purpose: 'Төлем мақсаты',
    purposeValue: '№ 17 шот бойынша төлем',
    signDocument: 'Қол қою',
    signingTitle: 'Операцияны MobiPass қолтаңбасымен растау.',
    warning:
      'Назар аударыңыз! MobiPass қолданбасына PIN-кодты қате енгізсеңіз, қолтаңба мәні дұрыс есептелмейді. Қолтаңба мәні қабылданбаса, PIN-кодты қайта енгізіп, құжатқа қайтадан қол қоюды ұсынамыз. Үш рет қате енгізілгеннен кейін MobiPass бұғатталады.',
    documentCode: 'Құжаттың кодтық саны:',
    signatureLabel: 'Қолтаңба мәнін енгізіңіз:',
    back: '« Өңдеуге оралу',
    send: 'Жіберу »',
    unblock: 'Бұғаттан шығару (қолдау қызметі)',
    script: {
      accepted: 'Қолтаңба дұрыс. Төлем тапсырмасы өңдеуге қабылданды.',
      rejected:
        'Қолтаңба мәні қате. Қалған әрекеттер саны: {attemptsLeft}. PIN-кодты қайта енгізіп, құжатқа қайтадан қол қоюды ұсынамыз.',
      blocked:
        'Үш рет қате енгізілгеннен кейін MobiPass бұғатталды. Тәулік бойы жұмыс істейтін қолдау қызметіне хабарласыңыз.',
      used: 'Бұл құжатқа қол қойылып қойған.',
      expired: 'Кодтық санның мерзімі өтті (ол 5 минут жарамды). Өңдеуге оралып, құжатқа қайтадан қол қойыңыз.',
      unknown_challenge:
        'Банк бұл кодтық санды танымайды (мысалы, жаңа конверт берілген). Құжатқа қайтадан қол қойыңыз.',
      badInput: 'Қолтаңба мәні — тек телефон экранындағы сандар. Барлық сандар енгізілгенін тексеріңіз.',
      noKey: 'Алдымен белсендіру коды бар конвертті беріңіз.',
      noConnection: 'Банкпен байланыс қатесі: ',
      unblocked: 'Қолдау қызметі MobiPass бұғаттауын алды. Құжатқа қайтадан қол қойыңыз.',
    },
  },
  en: {
    languageName: 'English',
    language: 'Language',
    landingTitle: 'MobiPass — demonstration',
    landingHeading: 'MobiPass: phone and bank side by side — a demonstration (temporary keys and data)',
    phoneFrame: 'Phone with MobiPass',
    howTo: 'How to try it',
    steps: [
      'Bank: «{issue}» — the 4 parts of the activation code appear.',
      'Phone (the buttons on screen or the keyboard: digits, Enter, arrows, Backspace): «{saveKey}», choose a PIN, enter the 4 parts.',
      'Bank: «{signDocument}» a payment — a document code number appears.',
      'Phone: «{sign}», the PIN and the code number — the phone shows the signature value.',
      'Bank: enter the signature value and press «{send}» — the payment is accepted.',
      'A wrong PIN gives a wrong signature; three wrong values in a row block MobiPass.',
    ],
    bankTitle: 'Demo Bank — Internet banking',
    bankName: 'Demo Bank',
    bankSubtitle: 'Internet banking',
    demoNote: 'A demonstration: customer «demo», temporary keys and database, for trying out only.',
    envelopeHeading: 'Connecting MobiPass',
    envelopeIntro:
      'The bank gives the customer an envelope «MobiPass activation code». Issuing again replaces the old key and lifts a block.',
    issue: 'Issue an envelope',
    envelopeTitle: 'MobiPass activation code',
    envelopeHint: 'Enter the 4 parts on the phone: «{saveKey}» → PIN → the parts in order.',
    print: 'Print the envelope',
    paymentHeading: 'Payment order',
    recipient: 'Recipient',
    recipientValue: 'Romashka LLP',
    amount: 'Amount, ₸',
    purpose: 'Purpose of payment',
    purposeValue: 'Invoice No. 17',
    signDocument: 'Sign',
    signingTitle: 'Confirm the operation with a MobiPass signature.',
    warning:
      'Attention! If you mistype your PIN in MobiPass, the signature value will be wrong. If a signature value is refused, enter the PIN again and sign the document again. After three wrong attempts MobiPass is blocked.',
    documentCode: 'Document code number:',
    signatureLabel: 'Enter the signature value:',
    back: '« Back to editing',
    send: 'Send »',
    unblock: 'Unblock (support line)',
    script: {
      accepted: 'The signature is correct. The payment order is accepted for processing.',
      rejected:
        'Wrong signature value. Attempts left: {attemptsLeft}. Enter the PIN again and sign the document again.',
      blocked: 'MobiPass is blocked after three wrong attempts. Call the 24-hour support line.',
      used: 'This document is already signed.',
      expired:
        'The document code number has expired (it is valid for 5 minutes). Go back to editing and sign the document again.',
      unknown_challenge:
        'The bank does not know this document code number (a new envelope was issued, for example). Sign the document again.',
      badInput: 'The signature value is only the digits on the phone screen. Check that all of them are entered.',
      noKey: 'Issue an envelope with an activation code first.',
      noConnection: 'Cannot reach the bank: ',
      unblocked: 'The support line has unblocked MobiPass. Sign the document again.',
    },
  },
};
