import type { Language } from '../../app/i18n/languages';

/**
 * The texts of `npm start`'s landing page and demo bank page, per language of the app. `{saveKey}` and
 * `{sign}` are the app's own menu labels (src/app/i18n), `{issue}`, `{signDocument}` and `{send}` the
 * bank page's buttons (`{sign}` in typeOnPhone too), `{attemptsLeft}` is filled in by bank.js.
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
  payeeAccount: string;
  payeeAccountValue: string;
  amount: string;
  purpose: string;
  purposeValue: string;
  signDocument: string;
  signingTitle: string;
  warning: string;
  /** Above what the customer types into the phone; {sign} is the app's menu entry. */
  typeOnPhone: string;
  documentCode: string;
  amountOnPhone: string;
  /** After the amount: the phone's key for the decimal point. */
  amountKey: string;
  signatureLabel: string;
  back: string;
  send: string;
  unblock: string;
  /** Shown by bank.js. */
  script: {
    accepted: string;
    rejected: string;
    mistyped: string;
    blocked: string;
    used: string;
    expired: string;
    unknown_challenge: string;
    badInput: string;
    /** A payment the bank refuses (amount or payee account). */
    badPayment: string;
    noKey: string;
    noConnection: string;
    unblocked: string;
    /** How the language writes an amount: decimal and thousands separators. */
    decimal: string;
    group: string;
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
      'Банк: «{signDocument}» платёж — банк покажет, что ввести в телефон: кодовое число документа, сумму и цифры счёта получателя.',
      'Телефон: «{sign}», PIN-код, кодовое число, сумма (запятая — клавиша *) и цифры получателя — телефон покажет подписанное и значение подписи.',
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
    payeeAccount: 'Счёт получателя',
    payeeAccountValue: 'KZ86 125K ZT50 0410 0100',
    amount: 'Сумма, ₸',
    purpose: 'Назначение платежа',
    purposeValue: 'Оплата по счёту № 17',
    signDocument: 'Подписать',
    signingTitle: 'Подтверждение операции подписью MobiPass.',
    warning:
      'Внимание! В случае, если Вы ошиблись при вводе ПИН-кода в приложение MobiPass, то значение подписи будет рассчитано неверно. При неправильной попытке ввода значения подписи рекомендуем Вам заново ввести ПИН-код и подписать документ. После трех неправильных попыток ввода MobiPass будет заблокирован.',
    typeOnPhone: 'Введите в телефоне (MobiPass → «{sign}»), сверив сумму и получателя с Вашим платежом:',
    documentCode: 'Кодовое число документа:',
    amountOnPhone: 'Сумма:',
    amountKey: '(запятая — клавиша *)',
    signatureLabel: 'Введите значение подписи:',
    back: '« Вернуться к редактированию',
    send: 'Отправить »',
    unblock: 'Разблокировать (служба поддержки)',
    script: {
      accepted: 'Подпись верна. Платёжное поручение принято в обработку.',
      rejected:
        'Неверное значение подписи. Осталось попыток: {attemptsLeft}. Рекомендуем заново ввести PIN-код и подписать документ.',
      mistyped:
        'В значении подписи опечатка: не сходится его контрольная цифра. Попытка не засчитана — сверьте цифры с экраном телефона и введите значение ещё раз.',
      blocked: 'MobiPass заблокирован после трёх неправильных попыток. Обратитесь в круглосуточную службу поддержки.',
      used: 'Этот документ уже подписан.',
      expired:
        'Кодовое число устарело (оно действует 5 минут). Вернитесь к редактированию и подпишите документ заново.',
      unknown_challenge:
        'Банк не знает этого кодового числа (например, выдан новый конверт). Подпишите документ заново.',
      badInput: 'Значение подписи — только цифры с экрана телефона. Проверьте, что введены все цифры.',
      badPayment:
        'Проверьте платёж: сумма больше нуля, не больше 2 цифр после запятой; счёт получателя — буквы и цифры.',
      noKey: 'Сначала выдайте конверт с кодом активации.',
      noConnection: 'Ошибка связи с банком: ',
      unblocked: 'Служба поддержки разблокировала MobiPass. Подпишите документ заново.',
      decimal: ',',
      group: '\u00a0',
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
      'Банк: төлемге «{signDocument}» — банк телефонға не енгізу керегін көрсетеді: құжаттың кодтық санын, соманы және алушы шотының сандарын.',
      'Телефон: «{sign}», PIN-код, кодтық сан, сома (үтір — * пернесі) және алушының сандары — телефон неге қол қойылғанын және қолтаңба мәнін көрсетеді.',
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
    payeeAccount: 'Алушының шоты',
    payeeAccountValue: 'KZ86 125K ZT50 0410 0100',
    amount: 'Сомасы, ₸',
    purpose: 'Төлем мақсаты',
    purposeValue: '№ 17 шот бойынша төлем',
    signDocument: 'Қол қою',
    signingTitle: 'Операцияны MobiPass қолтаңбасымен растау.',
    warning:
      'Назар аударыңыз! MobiPass қолданбасына PIN-кодты қате енгізсеңіз, қолтаңба мәні дұрыс есептелмейді. Қолтаңба мәні қабылданбаса, PIN-кодты қайта енгізіп, құжатқа қайтадан қол қоюды ұсынамыз. Үш рет қате енгізілгеннен кейін MobiPass бұғатталады.',
    typeOnPhone: 'Телефонға енгізіңіз (MobiPass → «{sign}»), сома мен алушыны өз төлеміңізбен салыстырып:',
    documentCode: 'Құжаттың кодтық саны:',
    amountOnPhone: 'Сомасы:',
    amountKey: '(үтір — * пернесі)',
    signatureLabel: 'Қолтаңба мәнін енгізіңіз:',
    back: '« Өңдеуге оралу',
    send: 'Жіберу »',
    unblock: 'Бұғаттан шығару (қолдау қызметі)',
    script: {
      accepted: 'Қолтаңба дұрыс. Төлем тапсырмасы өңдеуге қабылданды.',
      rejected:
        'Қолтаңба мәні қате. Қалған әрекеттер саны: {attemptsLeft}. PIN-кодты қайта енгізіп, құжатқа қайтадан қол қоюды ұсынамыз.',
      mistyped:
        'Қолтаңба мәнінде қате басылған: бақылау саны сәйкес келмейді. Әрекет есепке алынбады — сандарды телефон экранымен салыстырып, мәнді қайта енгізіңіз.',
      blocked:
        'Үш рет қате енгізілгеннен кейін MobiPass бұғатталды. Тәулік бойы жұмыс істейтін қолдау қызметіне хабарласыңыз.',
      used: 'Бұл құжатқа қол қойылып қойған.',
      expired: 'Кодтық санның мерзімі өтті (ол 5 минут жарамды). Өңдеуге оралып, құжатқа қайтадан қол қойыңыз.',
      unknown_challenge:
        'Банк бұл кодтық санды танымайды (мысалы, жаңа конверт берілген). Құжатқа қайтадан қол қойыңыз.',
      badInput: 'Қолтаңба мәні — тек телефон экранындағы сандар. Барлық сандар енгізілгенін тексеріңіз.',
      badPayment:
        'Төлемді тексеріңіз: сома нөлден үлкен, үтірден кейін 2 саннан аспайды; алушының шоты — әріптер мен сандар.',
      noKey: 'Алдымен белсендіру коды бар конвертті беріңіз.',
      noConnection: 'Банкпен байланыс қатесі: ',
      unblocked: 'Қолдау қызметі MobiPass бұғаттауын алды. Құжатқа қайтадан қол қойыңыз.',
      decimal: ',',
      group: '\u00a0',
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
      "Bank: «{signDocument}» a payment — the bank shows what to type into the phone: the document code number, the amount and the digits of the payee's account.",
      'Phone: «{sign}», the PIN, the code number, the amount (the * key types the point) and the payee digits — the phone shows what it signed and the signature value.',
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
    payeeAccount: "Payee's account",
    payeeAccountValue: 'KZ86 125K ZT50 0410 0100',
    amount: 'Amount, ₸',
    purpose: 'Purpose of payment',
    purposeValue: 'Invoice No. 17',
    signDocument: 'Sign',
    signingTitle: 'Confirm the operation with a MobiPass signature.',
    warning:
      'Attention! If you mistype your PIN in MobiPass, the signature value will be wrong. If a signature value is refused, enter the PIN again and sign the document again. After three wrong attempts MobiPass is blocked.',
    typeOnPhone: 'Type into the phone (MobiPass → «{sign}»), checking the amount and the payee against your payment:',
    documentCode: 'Document code number:',
    amountOnPhone: 'Amount:',
    amountKey: '(the * key types the point)',
    signatureLabel: 'Enter the signature value:',
    back: '« Back to editing',
    send: 'Send »',
    unblock: 'Unblock (support line)',
    script: {
      accepted: 'The signature is correct. The payment order is accepted for processing.',
      rejected:
        'Wrong signature value. Attempts left: {attemptsLeft}. Enter the PIN again and sign the document again.',
      mistyped:
        'The signature value has a typo: its check digit does not match. This attempt does not count — compare the digits with the phone screen and enter the value again.',
      blocked: 'MobiPass is blocked after three wrong attempts. Call the 24-hour support line.',
      used: 'This document is already signed.',
      expired:
        'The document code number has expired (it is valid for 5 minutes). Go back to editing and sign the document again.',
      unknown_challenge:
        'The bank does not know this document code number (a new envelope was issued, for example). Sign the document again.',
      badInput: 'The signature value is only the digits on the phone screen. Check that all of them are entered.',
      badPayment:
        "Check the payment: an amount above zero with at most 2 digits after the point; the payee's account in letters and digits.",
      noKey: 'Issue an envelope with an activation code first.',
      noConnection: 'Cannot reach the bank: ',
      unblocked: 'The support line has unblocked MobiPass. Sign the document again.',
      decimal: '.',
      group: ',',
    },
  },
};
