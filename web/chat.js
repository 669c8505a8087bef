/* The chat-only page: gets a Direct Line token from this server and renders Microsoft's Web Chat.
 * Runs under a strict Content-Security-Policy: no inline script, Web Chat's styles carry this page's nonce. */
(function () {
  'use strict';

  var script = document.currentScript;
  var nonce = script && script.nonce ? script.nonce : undefined;
  var body = document.body;
  var data = body.dataset;
  var statusEl = document.getElementById('chat-status');
  var host = document.getElementById('webchat');
  var framed = window.parent !== window;
  if (framed) document.documentElement.classList.add('framed');

  function setStatus(text, withPhone) {
    statusEl.textContent = text;
    if (withPhone && data.tel) {
      statusEl.appendChild(document.createTextNode(' '));
      var link = document.createElement('a');
      link.href = data.tel;
      link.textContent = 'Call ' + data.clinicName + ' on ' + data.clinicPhone;
      statusEl.appendChild(link);
    }
  }

  function tellParent(type) {
    // The message carries no data, so any embedding page may receive it.
    if (framed) window.parent.postMessage({ leakbot: type }, '*');
  }

  function focusSendBox() {
    var input = document.querySelector('[data-id="webchat-sendbox-input"]');
    if (input) input.focus();
    return !!input;
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || !event.data || event.data.leakbot !== 'focus') return;
    if (!focusSendBox()) {
      var tries = 0;
      var timer = setInterval(function () {
        if (focusSendBox() || ++tries > 50) clearInterval(timer);
      }, 100);
    }
  });

  // Escape closes the embedded chat, unless Web Chat used the key itself (for example to leave a card).
  window.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !event.defaultPrevented) tellParent('close');
  });

  /* Web Chat's own Adaptive Cards host config, with every container style given text colours that
   * reach 4.5:1 on its background (4.18's default leaves "Attention" text on the attention container,
   * as the escalation card uses, at about 3.6:1). */
  function hostConfig(accent, font) {
    function colours(base) {
      return {
        default: { default: '#1f1f24', subtle: '#484644' },
        dark: { default: '#000000', subtle: '#484644' },
        light: { default: '#ffffff', subtle: '#ffffff' },
        accent: { default: base.accent, subtle: base.accent },
        good: { default: base.good, subtle: base.good },
        warning: { default: base.warning, subtle: base.warning },
        attention: { default: base.attention, subtle: base.attention }
      };
    }
    var onWhite = { accent: accent, good: '#0b6a0b', warning: '#8a4b00', attention: '#b3261e' };
    var onTint = { accent: '#004e8c', good: '#0b5a0b', warning: '#6f3c00', attention: '#8c1d18' };
    return {
      containerStyles: {
        default: { backgroundColor: '#ffffff', foregroundColors: colours(onWhite) },
        emphasis: { backgroundColor: '#f9f9f9', foregroundColors: colours(onWhite) },
        accent: { backgroundColor: '#dceafb', foregroundColors: colours(onTint) },
        good: { backgroundColor: '#dff6dd', foregroundColors: colours(onTint) },
        warning: { backgroundColor: '#fff1d6', foregroundColors: colours(onTint) },
        attention: { backgroundColor: '#fde7e9', foregroundColors: colours(onTint) }
      },
      supportsInteractivity: true,
      fontFamily: font,
      imageSizes: { small: 40, medium: 80, large: 160 },
      actions: {
        actionAlignment: 'stretch',
        actionsOrientation: 'vertical',
        buttonSpacing: 8,
        maxActions: 100,
        showCard: { actionMode: 'inline', inlineTopMargin: 8 },
        spacing: 'default'
      },
      adaptiveCard: { allowCustomStyle: false },
      imageSet: { imageSize: 'medium', maxImageHeight: 100 },
      factSet: {
        title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
        value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
        spacing: 8
      },
      textBlock: { headingLevel: 2 }
    };
  }

  function start(session) {
    var WebChat = window.WebChat;
    var directLine = WebChat.createDirectLine({
      token: session.token,
      domain: session.domain || new URL('/v3/directline', window.location.href).href.replace(/\/$/, ''),
      webSocket: !!session.webSocket,
      pollingInterval: 1000
    });
    // Tells the bot this client shows Adaptive Cards, so an escalation comes once (one line and its card)
    // over Azure Direct Line too, whose channel id ("directline") does not say which client is talking.
    var store = WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/POST_ACTIVITY' && action.payload && action.payload.activity) {
            var activity = action.payload.activity;
            var channelData = Object.assign({}, activity.channelData, { showsCards: true });
            action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: Object.assign({}, activity, { channelData: channelData }) }) });
          }
          return next(action);
        };
      };
    });
    var maxChars = parseInt(data.maxChars, 10) || 2000;
    var font = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
    WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        userID: session.userId,
        username: 'You',
        locale: 'en-US',
        nonce: nonce,
        adaptiveCardsHostConfig: hostConfig(data.accent, font),
        styleOptions: {
          accent: data.accent,
          primaryFont: font,
          backgroundColor: '#ffffff',
          bubbleBorderRadius: 12,
          bubbleFromUserBorderRadius: 12,
          bubbleFromUserBackground: data.color,
          bubbleFromUserTextColor: data.ink,
          bubbleFromUserBorderColor: data.color,
          bubbleBackground: '#f2eff5',
          bubbleBorderColor: '#f2eff5',
          bubbleMaxWidth: 560,
          cardPushButtonBackgroundColor: data.accent,
          cardPushButtonTextColor: '#ffffff',
          hideUploadButton: true,
          maxMessageLength: maxChars,
          sendBoxButtonColor: data.accent,
          sendBoxButtonColorOnHover: data.accent,
          suggestedActionLayout: 'flow',
          suggestedActionBorderRadius: 16,
          suggestedActionTextColor: data.accent,
          suggestedActionBorderColor: data.accent,
          timestampColor: '#595959'
        },
        overrideLocalizedStrings: {
          TEXT_INPUT_PLACEHOLDER: 'Ask about leaking milk or nipple discharge'
        }
      },
      host
    );
    setStatus('', false);
    tellParent('ready');
  }

  function fail(message) {
    setStatus(message, true);
    tellParent('ready');
  }

  if (!window.WebChat) {
    fail('The chat could not load.');
    return;
  }

  fetch(data.tokenUrl, { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
    .then(function (response) {
      if (response.status === 429 || response.status === 503) {
        throw new Error('The chat is busy right now. Please try again in a minute.');
      }
      if (!response.ok) throw new Error('The chat is not available right now.');
      return response.json();
    })
    .then(start)
    .catch(function (error) {
      fail(error && error.message && /^The chat/.test(error.message) ? error.message : 'The chat is not available right now.');
    });
})();
