// The demo bank page (manual figures 7-8): talks only to the demo server's /bank/api routes.
'use strict';
(function () {
  var $ = function (id) {
    return document.getElementById(id);
  };
  var challenge = null;
  var envelopeHtml = '';

  // The page's language's texts, put there by the demo server (src/bank/http/demo-texts.ts).
  var TEXT = JSON.parse(document.body.getAttribute('data-texts'));

  /** accepted, rejected (with attemptsLeft), mistyped, blocked, used, expired, unknown_challenge. */
  function verdictText(verdict) {
    return TEXT[verdict.result].replace('{attemptsLeft}', verdict.attemptsLeft);
  }

  var ERROR_TEXT = {
    bad_input: TEXT.badInput,
    unknown_customer: TEXT.noKey,
    no_key: TEXT.noKey,
    blocked: TEXT.blocked,
  };

  // Every POST is JSON, even without fields: the demo server takes nothing else (no cross-site form can send it).
  function call(method, path, body) {
    var init = { method: method, headers: {} };
    if (method === 'POST') {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body || {});
    }
    return fetch('api/' + path, init).then(function (response) {
      return response.json().then(function (data) {
        if (response.ok) return data;
        var error = new Error(data.message);
        error.code = data.error;
        throw error;
      });
    });
  }

  function showResult(kind, text) {
    var result = $('result');
    result.hidden = false;
    result.className = 'result ' + kind;
    result.setAttribute('data-result', kind);
    result.textContent = text;
    $('unblock').hidden = kind !== 'blocked';
  }

  function hideResult() {
    $('result').hidden = true;
    $('result').removeAttribute('data-result');
    $('unblock').hidden = true;
  }

  function showError(error) {
    if (error.code === 'blocked') return showResult('blocked', ERROR_TEXT.blocked);
    showResult('error', ERROR_TEXT[error.code] || TEXT.noConnection + error.message);
  }

  /** An amount as the page's language writes money: 15000.5 → «15 000,50» (ru), «15,000.50» (en). */
  function formatAmount(amount) {
    var parts = amount.split('.');
    var integer = parts[0].replace(/\B(?=(\d{3})+$)/g, TEXT.group);
    return parts[1] ? integer + TEXT.decimal + (parts[1] + '0').slice(0, 2) : integer;
  }

  /** What the customer types into the phone: the code and, when the challenge binds it, the payment. */
  function showPhoneInput(data) {
    $('document-code').textContent = data.code;
    var bound = data.amount !== undefined;
    $('amount-line').hidden = $('payee-line').hidden = !bound;
    $('phone-amount').textContent = bound ? formatAmount(data.amount) : '';
    $('phone-payee').textContent = bound ? data.payeeDigits : '';
    $('signature').maxLength = data.signatureDigits + 4;
  }

  function closeSigning() {
    challenge = null;
    $('signing').hidden = true;
  }

  $('issue').addEventListener('click', function () {
    call('POST', 'envelope').then(function (data) {
      envelopeHtml = data.envelopeHtml;
      var list = $('parts');
      list.textContent = '';
      data.parts.forEach(function (part, i) {
        var item = document.createElement('li');
        item.id = 'part-' + (i + 1);
        item.textContent = part;
        list.appendChild(item);
      });
      $('envelope').hidden = false;
      closeSigning();
      hideResult();
    }, showError);
  });

  $('print').addEventListener('click', function () {
    window.open(URL.createObjectURL(new Blob([envelopeHtml], { type: 'text/html' })));
  });

  $('payment').addEventListener('submit', function (event) {
    event.preventDefault();
    // The form's amount as people write it (15 000,50) and the payee's account as printed.
    var payment = {
      documentId: 'payment-' + Date.now(),
      amount: $('amount').value.replace(/\s+/g, '').replace(',', '.'),
      payee: $('payee').value.trim().replace(/\s+/g, ' '),
    };
    call('POST', 'payment', payment).then(
      function (data) {
        challenge = data;
        showPhoneInput(data);
        $('signature').value = '';
        $('signing').hidden = false;
        hideResult();
        $('signature').focus();
      },
      function (error) {
        closeSigning();
        if (error.code === 'bad_input') showResult('error', TEXT.badPayment);
        else showError(error);
      },
    );
  });

  $('send').addEventListener('click', function () {
    if (!challenge) return;
    var signature = $('signature').value.replace(/\s+/g, '');
    call('POST', 'sign', { challengeId: challenge.challengeId, signature: signature }).then(function (verdict) {
      showResult(verdict.result, verdictText(verdict));
      // Rejected (counted) or mistyped (not counted): the same challenge takes another answer.
      if (verdict.result === 'rejected' || verdict.result === 'mistyped') {
        $('signature').value = '';
        $('signature').focus();
      } else {
        closeSigning();
      }
    }, showError);
  });

  $('back').addEventListener('click', function () {
    closeSigning();
    hideResult();
  });

  $('unblock').addEventListener('click', function () {
    call('POST', 'unblock').then(function () {
      showResult('unblocked', TEXT.unblocked);
    }, showError);
  });
})();
