/*
 * compute-advice playground: a minimal Teams-style personal chat in the browser.
 * - Sends Bot Framework message activities to the real bot endpoint, POST /api/messages (auth off in local mode).
 * - The activities carry serviceUrl = this server's /playground/connector/, so the bot's replies (POST) and card
 *   updates (PUT) land in a local Bot Connector; this page long-polls them and renders each Adaptive Card with the
 *   official renderer (window.AdaptiveCards, served from node_modules).
 * - Action.Submit sends a message activity whose `value` is the action's data merged with the card's inputs, and
 *   whose replyToId is the card's activity id: what Teams does.
 * Plain browser JavaScript, no build step.
 */
(function () {
  'use strict';

  const AC = window.AdaptiveCards;
  const STORAGE_KEY = 'compute-advice.playground.conversation';
  const USER_LINES_KEY = 'compute-advice.playground.user-lines.';
  const POLL_WAIT_MS = 25000;

  const $ = (id) => document.getElementById(id);
  const els = {
    transcript: $('transcript'),
    empty: $('empty-state'),
    typing: $('typing'),
    composer: $('composer'),
    reply: $('reply'),
    startForm: $('start-form'),
    workload: $('workload'),
    reviews: $('reviews'),
    refreshReviews: $('refresh-reviews'),
    newConversation: $('new-conversation'),
    connection: $('connection'),
    dialog: $('review-dialog'),
    dialogTitle: $('review-dialog-title'),
    dialogBody: $('review-dialog-body'),
  };

  const state = {
    session: null,
    conversationId: null,
    lastSeq: 0,
    /** The connector's start id: a new one means the server restarted and numbering began again. */
    epoch: null,
    /** activity id -> message element */
    messages: new Map(),
    poll: null,
    pending: 0,
    activityCounter: 0,
  };

  // ---- Adaptive Cards renderer setup -------------------------------------------------------------------------

  const colors = {
    default: { default: '#242424', subtle: '#616161' },
    dark: { default: '#242424', subtle: '#616161' },
    light: { default: '#FFFFFF', subtle: '#F0F0F0' },
    accent: { default: '#4F52B2', subtle: '#6264A7' },
    good: { default: '#0E7A0B', subtle: '#2E8B2C' },
    warning: { default: '#8A5300', subtle: '#A36800' },
    attention: { default: '#C4314B', subtle: '#D04E64' },
  };

  /** Close to Teams' light theme, so cards look here as they would there. */
  const hostConfig = new AC.HostConfig({
    fontFamily: '"Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif',
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 14, large: 20, extraLarge: 28, padding: 16 },
    separator: { lineThickness: 1, lineColor: '#E1E1E1' },
    fontSizes: { small: 12, default: 14, medium: 16, large: 19, extraLarge: 22 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    containerStyles: {
      default: { backgroundColor: '#FFFFFF', foregroundColors: colors },
      emphasis: { backgroundColor: '#F5F5F5', foregroundColors: colors },
      accent: { backgroundColor: '#E8EBFA', foregroundColors: colors },
      good: { backgroundColor: '#E7F2DA', foregroundColors: colors },
      attention: { backgroundColor: '#FCF4F6', foregroundColors: colors },
      warning: { backgroundColor: '#FBF6D9', foregroundColors: colors },
    },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 8 },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
    },
    adaptiveCard: { allowCustomStyle: false },
    inputs: {
      label: {
        requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
        optionalInputs: { weight: 'bolder' },
      },
      errorMessage: { size: 'small', color: 'attention' },
    },
    textStyles: {
      heading: { size: 'medium', weight: 'bolder', color: 'default', fontType: 'default' },
      columnHeader: { size: 'default', weight: 'bolder', color: 'default', fontType: 'default' },
    },
  });

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);
  }

  /**
   * The Markdown subset Teams renders in TextBlocks: **bold**, _italic_ / *italic*, [links](https://…), line breaks,
   * and backslash escapes (the bot escapes user text that way). Output is built from escaped text only.
   */
  function renderMarkdown(text) {
    const escapes = [];
    let s = String(text).replace(/\\([\\`*_[\]()#>~+\-.!{}|])/g, (_, ch) => {
      escapes.push(ch);
      return `\u0000${escapes.length - 1}\u0000`;
    });
    s = escapeHtml(s);
    s = s.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
    s = s.replace(/(^|[\s(])_(.+?)_(?=$|[\s).,;:!?])/g, '$1<em>$2</em>');
    s = s.replace(/(^|[\s(])\*(?!\s)(.+?)\*(?=$|[\s).,;:!?])/g, '$1<em>$2</em>');
    s = s.replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>');
    s = s.split(/\r?\n/).join('<br>');
    s = s.replace(/\u0000(\d+)\u0000/g, (_, i) => escapeHtml(escapes[Number(i)]));
    return `<p>${s}</p>`;
  }

  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = renderMarkdown(text);
    result.didProcess = true;
  };

  // ---- reading cards -----------------------------------------------------------------------------------------

  const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

  function cardsOf(activity) {
    const attachments = Array.isArray(activity.attachments) ? activity.attachments : [];
    return attachments.filter((a) => a && a.contentType === ADAPTIVE && a.content).map((a) => a.content);
  }

  function submitDataOf(card) {
    const found = [];
    (function walk(node) {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      if (node.type === 'Action.Submit' && node.data && typeof node.data === 'object') found.push(node.data);
      for (const key of Object.keys(node)) walk(node[key]);
    })(card);
    return found;
  }

  /** What a card is, from its Action.Submit data: a question, the recommendation, or just information. */
  function describeCards(cards) {
    const data = cards.flatMap(submitDataOf);
    const answer = data.find((d) => d.ca === 'answer');
    const decision = data.find((d) => d.ca === 'record_decision');
    if (decision) return { kind: 'recommendation', reviewId: decision.reviewId, open: true };
    if (answer) return { kind: 'question', reviewId: answer.reviewId, questionId: answer.questionId, open: true };
    return { kind: 'info', open: false };
  }

  // ---- the transcript ----------------------------------------------------------------------------------------

  function timeOf(ms) {
    return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function scrollToBottom() {
    els.transcript.scrollTop = els.transcript.scrollHeight;
  }

  function hideEmptyState() {
    els.empty.hidden = true;
  }

  function addUserLine(text, options = {}) {
    hideEmptyState();
    const row = document.createElement('div');
    row.className = 'msg user';
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    const body = document.createElement('div');
    body.className = 'text';
    body.textContent = text;
    bubble.appendChild(body);
    row.appendChild(bubble);
    els.transcript.appendChild(row);
    if (options.remember !== false) rememberUserLine(text);
    scrollToBottom();
    return row;
  }

  function addSystemLine(text, kind = 'info') {
    hideEmptyState();
    const row = document.createElement('div');
    row.className = `system-line ${kind}`;
    row.textContent = text;
    els.transcript.appendChild(row);
    scrollToBottom();
    return row;
  }

  function renderCardInto(host, cardJson, activityId) {
    host.textContent = '';
    const card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = (action) => onCardAction(action, activityId, host);
    try {
      card.parse(cardJson);
      const rendered = card.render();
      if (rendered) host.appendChild(rendered);
    } catch (error) {
      const fail = document.createElement('div');
      fail.className = 'card-error';
      fail.textContent = `This card could not be rendered: ${error && error.message ? error.message : error}`;
      host.appendChild(fail);
    }
  }

  function fillMessage(row, activity) {
    const bubble = row.querySelector('.bubble');
    bubble.querySelectorAll('.text, .card-host, .blockkit').forEach((el) => el.remove());
    const cards = cardsOf(activity);
    const info = describeCards(cards);
    row.dataset.kind = info.kind;
    row.dataset.open = String(info.open);
    if (info.reviewId) row.dataset.reviewId = info.reviewId;
    else delete row.dataset.reviewId;
    if (info.questionId) row.dataset.questionId = info.questionId;
    else delete row.dataset.questionId;

    if (typeof activity.text === 'string' && activity.text.trim() !== '') {
      const text = document.createElement('div');
      text.className = 'text';
      text.innerHTML = renderMarkdown(activity.text);
      bubble.appendChild(text);
    }
    for (const cardJson of cards) {
      const host = document.createElement('div');
      host.className = 'card-host';
      bubble.appendChild(host);
      renderCardInto(host, cardJson, row.dataset.activityId);
    }
    if (info.kind === 'recommendation' && info.reviewId) bubble.appendChild(blockKitDetails(info.reviewId));
  }

  function botRow(activityId, at) {
    const row = document.createElement('div');
    row.className = 'msg bot';
    row.dataset.activityId = activityId;
    const avatar = document.createElement('div');
    avatar.className = 'avatar';
    avatar.setAttribute('aria-hidden', 'true');
    avatar.textContent = 'CA';
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = `compute-advice · ${timeOf(at)}`;
    bubble.appendChild(meta);
    row.append(avatar, bubble);
    return row;
  }

  /** Applies connector events in order; returns the rows that were added. */
  function applyEvents(events) {
    const added = [];
    let sawRecommendation = false;
    for (const event of events) {
      if (event.seq <= state.lastSeq) continue;
      state.lastSeq = event.seq;
      if (event.kind === 'post') {
        hideEmptyState();
        placeUserLinesBefore(event.seq);
        const row = botRow(event.activityId, event.at);
        els.transcript.appendChild(row);
        fillMessage(row, event.activity);
        state.messages.set(event.activityId, row);
        added.push(row);
        if (row.dataset.kind === 'recommendation') sawRecommendation = true;
      } else if (event.kind === 'update') {
        const row = state.messages.get(event.activityId);
        if (row) {
          fillMessage(row, event.activity);
          row.classList.remove('updated');
          void row.offsetWidth; // restart the highlight animation
          row.classList.add('updated');
        }
      } else if (event.kind === 'delete') {
        const row = state.messages.get(event.activityId);
        if (row) {
          row.remove();
          state.messages.delete(event.activityId);
        }
      }
    }
    if (added.length > 0) {
      const first = added[0];
      // A tall card (the recommendation) is read from its top; short ones just scroll into view.
      if (els.transcript.scrollHeight - first.offsetTop > els.transcript.clientHeight) first.scrollIntoView({ block: 'start' });
      else scrollToBottom();
    }
    if (sawRecommendation || added.some((r) => r.dataset.kind === 'question')) scheduleReviewsRefresh();
    return added;
  }

  function blockKitDetails(reviewId) {
    const details = document.createElement('details');
    details.className = 'blockkit';
    const summary = document.createElement('summary');
    summary.textContent = 'Slack Block Kit JSON of this card';
    const pre = document.createElement('pre');
    pre.textContent = 'Loading…';
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'ghost small';
    copy.textContent = 'Copy';
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(pre.textContent);
        copy.textContent = 'Copied';
      } catch {
        const range = document.createRange();
        range.selectNodeContents(pre);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        copy.textContent = 'Selected: press Ctrl+C';
      }
      setTimeout(() => (copy.textContent = 'Copy'), 2000);
    });
    details.append(summary, copy, pre);
    details.addEventListener('toggle', async () => {
      if (!details.open) return;
      try {
        const response = await fetch(`/playground/api/reviews/${encodeURIComponent(reviewId)}/block-kit`);
        const body = await response.json();
        pre.textContent = response.ok ? JSON.stringify({ blocks: body.blocks }, null, 2) : body.error || 'not available';
      } catch (error) {
        pre.textContent = `Could not load: ${error.message}`;
      }
    });
    return details;
  }

  // ---- typed lines kept across reloads (the bot's side comes back from the connector) -------------------------

  function userLinesKey() {
    return USER_LINES_KEY + state.conversationId;
  }

  function loadUserLines() {
    try {
      return JSON.parse(sessionStorage.getItem(userLinesKey()) || '[]');
    } catch {
      return [];
    }
  }

  function rememberUserLine(text) {
    const lines = loadUserLines();
    lines.push({ afterSeq: state.lastSeq, text });
    try {
      sessionStorage.setItem(userLinesKey(), JSON.stringify(lines.slice(-200)));
    } catch {
      /* storage full or off: only the reload view suffers */
    }
  }

  let restoringLines = null;
  /** A line typed when the last event was N goes before event N+1. */
  function placeUserLinesBefore(seq) {
    if (!restoringLines) return;
    while (restoringLines.length > 0 && restoringLines[0].afterSeq < seq) {
      addUserLine(restoringLines.shift().text, { remember: false });
    }
  }

  // ---- sending activities to the bot -------------------------------------------------------------------------

  function newActivityId() {
    state.activityCounter += 1;
    return `pg-user-${Date.now().toString(36)}-${state.activityCounter}`;
  }

  /** A Teams personal-chat message activity, as the Bot Connector would deliver it. */
  function messageActivity(fields) {
    const s = state.session;
    return {
      type: 'message',
      id: newActivityId(),
      timestamp: new Date().toISOString(),
      localTimestamp: new Date().toISOString(),
      serviceUrl: s.serviceUrl,
      channelId: s.channelId,
      from: { id: s.user.id, name: s.user.name, aadObjectId: s.user.id },
      recipient: { id: s.bot.id, name: s.bot.name },
      conversation: { id: state.conversationId, conversationType: 'personal', tenantId: s.tenantId },
      channelData: { tenant: { id: s.tenantId } },
      locale: navigator.language || 'en-US',
      textFormat: 'plain',
      ...fields,
    };
  }

  function setBusy(delta) {
    state.pending += delta;
    els.typing.hidden = state.pending === 0;
  }

  async function sendActivity(fields) {
    const activity = messageActivity(fields);
    setBusy(1);
    try {
      const response = await fetch(state.session.messagesPath, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      if (!response.ok) {
        const text = await response.text();
        addSystemLine(`The bot answered ${response.status}: ${text.slice(0, 300)}`, 'error');
        return false;
      }
      await syncNow();
      return true;
    } catch (error) {
      addSystemLine(`Could not reach the bot: ${error.message}`, 'error');
      return false;
    } finally {
      setBusy(-1);
    }
  }

  function sendText(text) {
    return sendActivity({ text });
  }

  /** Action.Submit: value = the action's data merged with the card's inputs (the renderer did the merge). */
  async function onCardAction(action, activityId, host) {
    const type = action.getJsonTypeName();
    if (type === 'Action.OpenUrl') {
      if (/^https?:\/\//.test(action.url || '')) window.open(action.url, '_blank', 'noopener');
      return;
    }
    if (type !== 'Action.Submit' && type !== 'Action.Execute') return;
    const data = action.data && typeof action.data === 'object' && !Array.isArray(action.data) ? action.data : { data: action.data };
    const row = host.closest('.msg');
    if (row) row.classList.add('sending');
    try {
      await sendActivity({ value: { ...data }, replyToId: activityId });
    } finally {
      if (row) row.classList.remove('sending');
    }
  }

  // ---- following the conversation ----------------------------------------------------------------------------

  function setConnection(kind, text) {
    els.connection.dataset.state = kind;
    els.connection.textContent = text;
  }

  async function fetchEvents(conversationId, since, wait, signal) {
    const url = `/playground/api/conversations/${encodeURIComponent(conversationId)}/activities?since=${since}&wait=${wait}`;
    const response = await fetch(url, { signal, cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }

  async function syncNow() {
    const body = await fetchEvents(state.conversationId, state.lastSeq, 0);
    if (body.conversationId === state.conversationId) receive(body);
  }

  /**
   * Applies a poll's events. After a server restart (a new epoch) the connector numbers events from 1 again and holds
   * nothing from before: what is on screen stays, its cards go inert, and the bot is asked to post the open step
   * again from the database, so the conversation carries on in order.
   */
  function receive(body) {
    const restarted = state.epoch !== null && body.epoch !== state.epoch;
    state.epoch = body.epoch;
    if (!restarted) return applyEvents(body.events);
    const waiting = [...els.transcript.querySelectorAll('.msg.bot[data-kind="question"][data-open="true"]')].length > 0;
    for (const row of els.transcript.querySelectorAll('.msg.bot')) {
      row.classList.add('stale');
      row.dataset.open = 'false';
      row.querySelectorAll('button, input, select, textarea').forEach((control) => {
        control.disabled = true;
      });
    }
    state.messages.clear();
    state.lastSeq = 0;
    addSystemLine('The server restarted; picking up where the review was.', 'info');
    const added = applyEvents(body.events);
    if (waiting && added.length === 0) void sendText('');
    return added;
  }

  /** Long-polls the connector, so messages the bot sends on its own (reminders) show up too. */
  function startPolling() {
    if (state.poll) state.poll.abort();
    const controller = new AbortController();
    state.poll = controller;
    const conversationId = state.conversationId;
    (async () => {
      let failures = 0;
      while (!controller.signal.aborted) {
        try {
          const body = await fetchEvents(conversationId, state.lastSeq, POLL_WAIT_MS, controller.signal);
          if (controller.signal.aborted || conversationId !== state.conversationId) return;
          failures = 0;
          setConnection('online', 'connected');
          receive(body);
        } catch (error) {
          if (controller.signal.aborted) return;
          failures += 1;
          setConnection('offline', 'server not reachable, retrying…');
          // The server is on this machine: a restart takes a second or two, so look again soon.
          await new Promise((r) => setTimeout(r, Math.min(2000, 250 * 2 ** failures)));
        }
      }
    })();
  }

  function clearTranscript() {
    for (const node of [...els.transcript.children]) if (node !== els.empty) node.remove();
    els.empty.hidden = false;
    state.messages.clear();
    state.lastSeq = 0;
  }

  /** Shows a conversation: what the connector still holds, and the user's own lines from this browser tab. */
  async function openConversation(conversationId, options = {}) {
    if (state.poll) state.poll.abort();
    state.conversationId = conversationId;
    try {
      localStorage.setItem(STORAGE_KEY, conversationId);
    } catch {
      /* private mode: a reload starts a new conversation */
    }
    clearTranscript();
    markCurrentReview();
    restoringLines = loadUserLines();
    try {
      const body = await fetchEvents(conversationId, 0, 0);
      state.epoch = body.epoch;
      applyEvents(body.events);
    } catch (error) {
      addSystemLine(`Could not load the conversation: ${error.message}`, 'error');
    }
    for (const line of restoringLines.splice(0)) addUserLine(line.text, { remember: false });
    restoringLines = null;
    startPolling();
    if (state.messages.size === 0 && options.resume) {
      // The server restarted (the connector keeps nothing): a bare message makes the bot re-post the open question.
      await sendText('');
    }
  }

  async function newConversation() {
    const response = await fetch('/playground/api/session', { cache: 'no-store' });
    const session = await response.json();
    state.session = session;
    await openConversation(session.newConversationId);
  }

  // ---- past reviews ------------------------------------------------------------------------------------------

  const STATUS_TEXT = { in_progress: 'in progress', completed: 'completed', cancelled: 'cancelled', expired: 'expired' };
  const VERDICT_ICON = { optimal: '✅', good: '✅', caution: '⚠️', unsuitable: '❌' };

  let reviewsTimer = null;
  function scheduleReviewsRefresh() {
    clearTimeout(reviewsTimer);
    reviewsTimer = setTimeout(loadReviews, 300);
  }

  function dateText(ms) {
    const d = new Date(ms);
    const today = new Date();
    return d.toDateString() === today.toDateString() ? `today ${timeOf(ms)}` : d.toLocaleDateString([], { month: 'short', day: 'numeric' });
  }

  async function loadReviews() {
    try {
      const response = await fetch('/playground/api/reviews?limit=20', { cache: 'no-store' });
      const body = await response.json();
      renderReviews(body.reviews || []);
    } catch (error) {
      els.reviews.textContent = '';
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = `Could not load reviews: ${error.message}`;
      els.reviews.appendChild(li);
    }
    markCurrentReview();
  }

  /** Highlights the reviews that live in the conversation on screen. */
  function markCurrentReview() {
    for (const item of els.reviews.querySelectorAll('.review-item')) {
      item.classList.toggle('current', item.dataset.conversationId === state.conversationId);
    }
  }

  function renderReviews(reviews) {
    els.reviews.textContent = '';
    if (reviews.length === 0) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = 'No reviews yet.';
      els.reviews.appendChild(li);
      return;
    }
    for (const review of reviews) {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'review-item';
      button.dataset.reviewId = review.id;
      if (review.conversationId) button.dataset.conversationId = review.conversationId;

      const top = document.createElement('span');
      top.className = 'review-top';
      const name = document.createElement('span');
      name.className = 'review-name';
      name.textContent = review.workloadName;
      const status = document.createElement('span');
      status.className = `status status-${review.status}`;
      status.textContent = STATUS_TEXT[review.status] || review.status;
      top.append(name, status);

      const rec = document.createElement('span');
      rec.className = 'review-rec';
      rec.textContent = review.recommended
        ? `${VERDICT_ICON[review.recommended.verdict] || ''} ${review.recommended.label}, ${review.recommended.verdict}`
        : 'no recommendation yet';
      if (review.decision) rec.textContent += ` · went with ${review.decision.label}`;

      const when = document.createElement('span');
      when.className = 'review-when';
      when.textContent = `${dateText(review.createdAt)} · ${review.platform === 'teams' && review.conversationId ? 'playground' : review.platform}`;

      button.append(top, rec, when);
      button.addEventListener('click', () => openReview(review));
      li.appendChild(button);
      els.reviews.appendChild(li);
    }
    markCurrentReview();
  }

  /** Highlights the reviews that live in the conversation on screen. */
  function markCurrentReview() {
    for (const item of els.reviews.querySelectorAll('.review-item')) {
      item.classList.toggle('current', item.dataset.conversationId === state.conversationId);
    }
  }

  async function openReview(review) {
    if (review.conversationId) {
      if (review.conversationId !== state.conversationId) await openConversation(review.conversationId);
      if (state.messages.size > 0) return;
      // The connector forgot this conversation (server restart): bring the review back.
      if (review.status === 'in_progress') {
        await sendText('');
        return;
      }
    }
    if (!review.recommended) {
      addSystemLine(`${review.workloadName}: ${STATUS_TEXT[review.status] || review.status}, no recommendation.`);
      return;
    }
    const response = await fetch(`/playground/api/reviews/${encodeURIComponent(review.id)}/card`);
    const body = await response.json();
    if (!response.ok) {
      addSystemLine(body.error || 'Could not load the card.', 'error');
      return;
    }
    if (review.conversationId) {
      // Its own conversation: show the stored card there, with working actions.
      const row = botRow(`stored-${review.id}`, review.completedAt || review.updatedAt);
      row.classList.add('stored');
      els.transcript.appendChild(row);
      fillMessage(row, { attachments: [{ contentType: ADAPTIVE, content: body.card }] });
      hideEmptyState();
      row.scrollIntoView({ block: 'start' });
      return;
    }
    // A review from Slack, Teams or the CLI: read-only, in a dialog.
    els.dialogTitle.textContent = `${review.workloadName} (${review.platform})`;
    els.dialogBody.textContent = '';
    const host = document.createElement('div');
    host.className = 'card-host';
    els.dialogBody.appendChild(host);
    renderCardInto(host, body.card, null);
    els.dialogBody.appendChild(blockKitDetails(review.id));
    els.dialog.showModal();
  }

  // ---- wiring ------------------------------------------------------------------------------------------------

  els.composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = els.reply.value.trim();
    if (!text) return;
    els.reply.value = '';
    addUserLine(text);
    await sendText(text);
  });

  els.startForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = els.workload.value.trim();
    if (!name) return;
    const button = els.startForm.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      // one review per conversation keeps each transcript readable; reuse an empty one
      if (state.messages.size > 0) await newConversation();
      els.workload.value = '';
      const text = `compute-advice ${name}`;
      addUserLine(text);
      await sendText(text);
      scheduleReviewsRefresh();
    } finally {
      button.disabled = false;
    }
  });

  els.newConversation.addEventListener('click', () => void newConversation());
  els.refreshReviews.addEventListener('click', () => void loadReviews());
  els.dialog.querySelector('[data-close]').addEventListener('click', () => els.dialog.close());

  async function boot() {
    if (!AC) {
      addSystemLine('The Adaptive Cards renderer did not load (/playground/vendor/adaptivecards.js). Is the adaptivecards package installed?', 'error');
      return;
    }
    try {
      const response = await fetch('/playground/api/session', { cache: 'no-store' });
      state.session = await response.json();
    } catch (error) {
      setConnection('offline', 'server not reachable');
      addSystemLine(`Could not reach the server: ${error.message}`, 'error');
      return;
    }
    let saved = null;
    try {
      saved = localStorage.getItem(STORAGE_KEY);
    } catch {
      saved = null;
    }
    if (saved) await openConversation(saved, { resume: true });
    else await openConversation(state.session.newConversationId);
    setConnection('online', 'connected');
    void loadReviews();
    els.workload.focus();
  }

  void boot();
})();
