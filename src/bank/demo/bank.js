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

  /** accepted, rejected (with attemptsLeft), blocked, used, expired, unknown_challenge. */
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
    call('POST', 'payment', { documentId: 'payment-' + Date.now() }).then(
      function (data) {
        challenge = data;
        $('document-code').textContent = data.code;
        $('signature').value = '';
        $('signing').hidden = false;
        hideResult();
        $('signature').focus();
      },
      function (error) {
        closeSigning();
        showError(error);
      },
    );
  });

  $('send').addEventListener('click', function () {
    if (!challenge) return;
    var signature = $('signature').value.replace(/\s+/g, '');
    call('POST', 'sign', { challengeId: challenge.challengeId, signature: signature }).then(function (verdict) {
      showResult(verdict.result, verdictText(verdict));
      if (verdict.result === 'rejected') {
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
