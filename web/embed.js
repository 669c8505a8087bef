/* Paste into any page: <script src="https://YOUR-BOT-SERVER/embed.js" async></script>
 * Adds a "Questions about leaking?" button that opens the clinic's chat in a panel. The chat runs in an
 * iframe on the bot's server, so the page's CSS cannot break it and its Direct Line calls stay same-origin. */
(function () {
  'use strict';

  var CONFIG = /*__LEAKBOT_CONFIG__*/ { clinicName: 'your clinic', color: '#7a3e9d', ink: '#ffffff', accent: '#7a3e9d', cssUrl: '/assets/embed.css' };
  if (window.__leakbotEmbed) return;
  window.__leakbotEmbed = true;

  var script = document.currentScript;
  var base = new URL(script && script.src ? script.src : '/', window.location.href);
  var origin = base.origin;
  var chatUrl = new URL('/chat', base).href;
  var cssUrl = new URL(CONFIG.cssUrl, base).href;
  var LABEL = 'Questions about leaking?';

  function el(tag, attrs, parent) {
    var node = document.createElement(tag);
    for (var name in attrs) if (Object.prototype.hasOwnProperty.call(attrs, name)) node.setAttribute(name, attrs[name]);
    if (parent) parent.appendChild(node);
    return node;
  }

  function svgIcon() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z');
    svg.appendChild(path);
    return svg;
  }

  function mount() {
    var hostEl = el('div', { id: 'leakbot-chat' });
    var root = hostEl.attachShadow ? hostEl.attachShadow({ mode: 'open' }) : hostEl;
    var link = el('link', { rel: 'stylesheet', href: cssUrl }, root);
    var wrapper = el('div', { class: 'root' }, root);
    // Hidden until the stylesheet arrives, so the page never shows an unstyled button.
    wrapper.hidden = true;
    link.addEventListener('load', function () { wrapper.hidden = false; });
    link.addEventListener('error', function () { wrapper.hidden = false; });
    // CSSOM, not a style attribute: allowed under the strictest style-src.
    wrapper.style.setProperty('--lb-color', CONFIG.color);
    wrapper.style.setProperty('--lb-ink', CONFIG.ink);
    wrapper.style.setProperty('--lb-accent', CONFIG.accent);

    var panelId = 'leakbot-panel';
    var launcher = el('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': panelId, 'aria-haspopup': 'dialog' }, wrapper);
    launcher.appendChild(svgIcon());
    el('span', {}, launcher).textContent = LABEL;

    var panel = el('div', { id: panelId, class: 'panel', role: 'dialog', 'aria-label': 'Chat: ' + LABEL + ' ' + CONFIG.clinicName }, wrapper);
    panel.hidden = true;
    var bar = el('div', { class: 'bar' }, panel);
    var title = el('p', { class: 'title' }, bar);
    title.textContent = LABEL;
    el('span', { class: 'subtitle' }, title).textContent = CONFIG.clinicName;
    var closeButton = el('button', { type: 'button', class: 'close', 'aria-label': 'Close chat' }, bar);
    closeButton.textContent = '\u00d7';

    var frame = null;
    var frameReady = false;
    var isOpen = false;

    function focusChat() {
      if (!frame) return;
      frame.focus();
      if (frameReady && frame.contentWindow) frame.contentWindow.postMessage({ leakbot: 'focus' }, origin);
    }

    function open() {
      if (!frame) {
        // Created on first use: no conversation is started for visitors who never open the chat.
        frame = el('iframe', { class: 'frame', src: chatUrl, title: 'Chat with ' + CONFIG.clinicName + ' about leaking milk', referrerpolicy: 'no-referrer' });
        panel.appendChild(frame);
      }
      isOpen = true;
      panel.hidden = false;
      wrapper.classList.add('open');
      launcher.setAttribute('aria-expanded', 'true');
      focusChat();
    }

    function close() {
      if (!isOpen) return;
      isOpen = false;
      panel.hidden = true;
      wrapper.classList.remove('open');
      launcher.setAttribute('aria-expanded', 'false');
      launcher.focus();
    }

    launcher.addEventListener('click', function () {
      if (isOpen) close();
      else open();
    });
    closeButton.addEventListener('click', close);
    root.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && isOpen) {
        event.stopPropagation();
        close();
      }
    });
    window.addEventListener('message', function (event) {
      if (!frame || event.source !== frame.contentWindow || event.origin !== origin || !event.data) return;
      if (event.data.leakbot === 'ready') {
        frameReady = true;
        if (isOpen) focusChat();
      } else if (event.data.leakbot === 'close') {
        close();
      }
    });

    document.body.appendChild(hostEl);
  }

  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
