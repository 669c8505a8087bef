import type { KnowledgeBase } from '../knowledge/loader';
import type { Topic } from '../knowledge/schema';
import type { RedFlagDefinitions } from '../safety/definitions';
import { urgencyRank, type Urgency } from '../safety/types';
import { escapeQuoted } from './escape';
import type { BotMessages } from './messages';
import type { EscalationCard, MoreContent, Reply, ReplyChoice } from './reply';
import { fillTemplate, type ClinicDetails } from './template';

/** One thing the parent reported, kept for the summary they can show a clinician. */
export interface ReportedItem {
  /** The question the bot asked, when this was an answer to one. */
  question?: string;
  /** What the parent said or picked, in their own words. */
  said: string;
}

export interface FlagMention {
  id: string;
  /** The parent's own words that raised it, when they came from a message. */
  quote?: string;
}

export interface ComposerDependencies {
  kb: KnowledgeBase;
  messages: BotMessages;
  redFlags: RedFlagDefinitions;
  clinic: ClinicDetails;
}

/** What one turn says, read before anything is composed; `plan` turns it into one reply. */
export interface TurnPlan {
  /** A line before everything else ("Thank you for checking."). */
  preface?: string;
  /** The knowledge topic that answers what the parent asked. */
  topic?: string;
  /**
   * False when the message only told something ("I can't cope, I don't want to be here"): in an
   * emergency the topic is then not answered, so a parent in crisis is not handed an unasked answer.
   */
  questionAsked?: boolean;
  /** Topics the question may have meant, when no topic was clear: offered after the advice. */
  candidates?: string[];
  /** A line before the topic's answer (the symptom check's "this looks like everyday leaking"). */
  intro?: string;
  /** Red flags only asked about: the answer ends with when to see a clinician. */
  askedAbout?: FlagMention[];
  /** Red flags reported: their advice, urgency first. */
  flags?: FlagMention[];
  /** The parent was not sure about the warning sign: the advice is given "to be safe". */
  toBeSafe?: boolean;
  /** At most one question, after the answer, with its choices. */
  question?: Reply;
}

export interface TopicOptions {
  /** A line before the answer. */
  intro?: string;
  /** Red flags only asked about: the answer ends with when to see a clinician. */
  askedAbout?: FlagMention[];
  /** A short note under the answer (a routine-level flag), with the sources it adds. */
  note?: { text: string; sources: string[] };
  /** Words of what follows the answer in the same reply (a question): fewer tips fit. */
  followingWords?: number;
}

/** What a parent first sees of a health answer: about this many words, the answer and up to MAX_FIRST_TIPS tips. */
export const FIRST_SEEN_MAX_WORDS = 120;
const MAX_FIRST_TIPS = 3;
/** Sources named in a first-seen answer; the rest are counted, and all are in full one tap away. */
const MAX_SHORT_SOURCES = 3;
/** Words of an answer given in short after an emergency's advice: its first sentences, the rest one tap away. */
const EMERGENCY_ANSWER_WORDS = 40;
/** Neighbours a leaf offers besides the way back up. */
const NEIGHBOUR_CHOICES = 3;

function telLink(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

function bullets(lines: string[]): string {
  return lines.map((l) => `- ${l}`).join('\n');
}

/** Words a reader sees, Markdown marks left out. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The first sentences of a text, as many as fit `maxWords` (always the first one). */
export function leadSentences(text: string, maxWords: number): string {
  const sentences = text.replace(/\s+/g, ' ').trim().match(/[^.!?]+(?:[.!?]+["')\]]*|$)\s*/g) ?? [];
  const kept: string[] = [];
  for (const sentence of sentences) {
    if (kept.length > 0 && countWords([...kept, sentence].join('')) > maxWords) break;
    kept.push(sentence);
  }
  return kept.join('').trim();
}

/** A source as a parent reads it in short: the publisher ("NHS"), or a document's own title. */
export function shortCitation(citation: string): string {
  const quoted = /^"([^"]+)"/.exec(citation);
  if (quoted) return quoted[1];
  return citation.split(':')[0].trim();
}

/**
 * Turns knowledge and red-flag findings into replies. Every health answer names its sources; every
 * escalation says how soon, why, and whom to call. No channel specifics here: a reply carries its whole
 * text, a brief for channels that show cards, and the rest of an answer for one more tap.
 */
export class ReplyComposer {
  constructor(private readonly deps: ComposerDependencies) {}

  fill(text: string): string {
    return fillTemplate(text, this.deps.clinic);
  }

  get messages(): BotMessages {
    return this.deps.messages;
  }

  private label(text: string): string {
    const max = this.deps.messages.choiceLabelMaxChars;
    return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
  }

  /** A health topic a reply can answer in words (not a conversation topic, not the symptom check, which is a dialog). */
  answerable(id: string): boolean {
    return this.deps.kb.topics.has(id) && id !== 'symptom-check' && this.deps.kb.topic(id).group !== 'conversation';
  }

  /** A topic title as a button; the click sends the title back, which the router maps to the topic. */
  topicChoices(ids: readonly string[]): ReplyChoice[] {
    return ids.filter((id) => this.deps.kb.topics.has(id)).map((id) => ({ label: this.choiceLabel(this.deps.kb.topic(id)) }));
  }

  choiceLabel(topic: Pick<Topic, 'title'>): string {
    return this.label(topic.title);
  }

  /** The button that goes one level up the tree to this topic. */
  backLabel(parent: Pick<Topic, 'title'>): string {
    return this.label(`${this.deps.messages.backPrefix} ${parent.title}`);
  }

  /** The button that asks for the rest of this topic's answer, where there is no show-card. */
  moreLabel(topic: Pick<Topic, 'title'>): string {
    return this.label(`${this.deps.messages.morePrefix} ${topic.title}`);
  }

  welcomeChoices(): ReplyChoice[] {
    return this.deps.messages.welcomeChoices.map((c) => ({ label: c.label }));
  }

  welcome(): Reply {
    return { text: this.fill(this.deps.messages.welcome), choices: this.welcomeChoices() };
  }

  welcomeShort(): Reply {
    return { text: this.fill(this.deps.messages.welcomeShort) };
  }

  /** The root of the tree: the welcome menu, asked for again. */
  menu(): Reply {
    return { text: this.deps.messages.menuPrompt, choices: this.welcomeChoices() };
  }

  private citations(sourceIds: readonly string[]): string[] {
    return [...new Set(sourceIds)].map((id) => this.deps.kb.sources.get(id)?.citation).filter((c): c is string => Boolean(c));
  }

  sourcesLine(sourceIds: readonly string[]): string | undefined {
    const citations = this.citations(sourceIds);
    return citations.length > 0 ? `${this.deps.messages.sourcesPrefix} ${citations.join('; ')}` : undefined;
  }

  /** The sources in short, as every first-seen health answer names them: the first few by name, then how many more. */
  shortSourcesLine(sourceIds: readonly string[]): string | undefined {
    const names = [...new Set(this.citations(sourceIds).map(shortCitation))];
    if (names.length === 0) return undefined;
    const shown = names.slice(0, MAX_SHORT_SOURCES);
    const others = names.length - shown.length;
    const rest = others > 0 ? ` ${this.deps.messages.sourcesMore.replace('{count}', String(others))}` : '';
    return `${this.deps.messages.sourcesPrefix} ${shown.join('; ')}${rest}`;
  }

  /**
   * Where a parent can go from a topic: a hub's children; a leaf's next neighbours and the way back up
   * (the parent topic, or the welcome menu for a top-level topic). Topics outside the tree keep their
   * related topics.
   */
  navigation(id: string): ReplyChoice[] {
    const { tree } = this.deps.kb;
    const topic = this.deps.kb.topic(id);
    if (!tree.inTree(id)) return this.topicChoices(topic.related);
    const up = tree.parent(id);
    const back: ReplyChoice = up ? { label: this.backLabel(up) } : { label: this.deps.messages.menuChoice };
    if (tree.isHub(id)) return this.hubPageChoices(id, 0, back);
    return [...tree.neighbours(id, NEIGHBOUR_CHOICES).map((t) => ({ label: this.choiceLabel(t) })), back];
  }

  /** The button that opens page `page` (from 0) of a hub's topics: "More causes (2 of 4)". */
  hubPageLabel(hub: Pick<Topic, 'pages'>, page: number, pages: number): string | undefined {
    return hub.pages ? this.label(`${hub.pages.moreLabel} (${page + 1} of ${pages})`) : undefined;
  }

  /** Every page button of every hub shown in pages: its label, the hub and the page it opens (from 0). */
  hubPageButtons(): Array<{ label: string; hub: string; page: number }> {
    const buttons: Array<{ label: string; hub: string; page: number }> = [];
    for (const topic of this.deps.kb.topics.values()) {
      const pages = this.deps.kb.tree.childPages(topic.id).length;
      if (!topic.pages || pages < 2) continue;
      // Typed as it reads ("more causes"), the label asks for the second page.
      buttons.push({ label: topic.pages.moreLabel, hub: topic.id, page: 1 });
      for (let page = 1; page < pages; page += 1) buttons.push({ label: this.hubPageLabel(topic, page, pages)!, hub: topic.id, page });
    }
    return buttons;
  }

  /** One page of a hub's topics as buttons, then the next page's button, then the way back. */
  private hubPageChoices(id: string, page: number, back: ReplyChoice): ReplyChoice[] {
    const pages = this.deps.kb.tree.childPages(id);
    const choices = (pages[page] ?? []).map((t) => ({ label: this.choiceLabel(t) }));
    const next = page + 1 < pages.length ? this.hubPageLabel(this.deps.kb.topic(id), page + 1, pages.length) : undefined;
    return [...choices, ...(next ? [{ label: next }] : []), back];
  }

  /** A page after the first of a hub's topics ("More causes"): where it is in the list, its buttons, the way back to the hub. */
  hubPage(id: string, page: number): Reply {
    const hub = this.deps.kb.topic(id);
    const pages = this.deps.kb.tree.childPages(id);
    if (page <= 0 || page >= pages.length) return this.topic(id);
    const from = pages.slice(0, page).reduce((n, p) => n + p.length, 0) + 1;
    const count = pages.reduce((n, p) => n + p.length, 0);
    const text = this.deps.messages.hubPage
      .replace('{title}', hub.title)
      .replace('{from}', String(from))
      .replace('{to}', String(from + pages[page].length - 1))
      .replace('{count}', String(count));
    return { text, topic: id, choices: this.hubPageChoices(id, page, { label: this.backLabel(hub) }) };
  }

  private askedAboutNote(askedAbout: readonly FlagMention[]): { note?: string; sources: string[] } {
    const asked = this.knownFlags(askedAbout);
    if (asked.length === 0) return { sources: [] };
    const level = this.highestLevel(asked.map((f) => f.level));
    // The signs at that level, by name: "a lump" alone is not a reason to book, one that stays a week is.
    const what = asked.filter((f) => f.level === level).map((f) => f.label).join('; or ');
    return {
      // The flag's own advice when the signs agree on one: D-MER is not about a medicine.
      note: `${this.deps.messages.askedAboutNote.replace('{what}', what)} ${this.flagAdvice(askedAbout, level)}`,
      sources: asked.flatMap((f) => f.sources.filter((s) => this.deps.kb.sources.has(s))),
    };
  }

  /**
   * A health topic in two parts: what the parent first sees (title, answer, as many of the first three
   * tips as fit about 120 words, the sources in short), and the rest (other tips, when to see a doctor,
   * the sources in full).
   */
  private healthAnswer(topic: Topic, options: TopicOptions): { first: string; more: MoreContent } {
    const m = this.deps.messages;
    const asked = this.askedAboutNote(options.askedAbout ?? []);
    const sourceIds = [...topic.sources, ...asked.sources, ...(options.note?.sources ?? [])];
    const head = [options.intro, `**${topic.title}**`, this.fill(topic.answer.trim())].filter((p): p is string => Boolean(p));
    const tail = [asked.note, options.note?.text, this.shortSourcesLine(sourceIds)].filter((p): p is string => Boolean(p));
    const tips = topic.tips.map((t) => this.fill(t));
    const shown: string[] = [];
    const compose = (list: string[]) => [...head, ...(list.length > 0 ? [`${m.tipsHeading}\n${bullets(list)}`] : []), ...tail].join('\n\n');
    for (const tip of tips.slice(0, MAX_FIRST_TIPS)) {
      if (countWords(compose([...shown, tip])) + (options.followingWords ?? 0) > FIRST_SEEN_MAX_WORDS) break;
      shown.push(tip);
    }
    const rest: string[] = [];
    const moreTips = tips.slice(shown.length);
    if (moreTips.length > 0) rest.push(`${m.tipsHeading}\n${bullets(moreTips)}`);
    if (topic.seeDoctor) rest.push(`${m.seeDoctorHeading} ${this.fill(topic.seeDoctor)}`);
    const sources = this.sourcesLine(sourceIds);
    if (sources) rest.push(sources);
    return {
      first: compose(shown),
      more: { label: this.moreLabel(topic), title: m.moreTitle, text: [`**${topic.title}**`, ...rest].join('\n\n') },
    };
  }

  /** A knowledge topic's answer: what is first seen, the rest one tap away, and where to go next. */
  topic(id: string, options: TopicOptions = {}): Reply {
    const topic = this.deps.kb.topic(id);
    if (topic.group === 'conversation') {
      const choices = id === 'greeting' || id === 'help' ? this.welcomeChoices() : this.topicChoices(topic.related);
      return { text: this.fill(topic.answer.trim()), topic: id, choices };
    }
    const { first, more } = this.healthAnswer(topic, options);
    return { text: first, topic: id, more, choices: this.navigation(id) };
  }

  /** The rest of a topic's answer, asked for with its button or "tell me more". */
  topicMore(id: string): Reply {
    const topic = this.deps.kb.topic(id);
    if (topic.group === 'conversation') return this.topic(id);
    return { text: this.healthAnswer(topic, {}).more.text, topic: id, choices: this.navigation(id) };
  }

  /**
   * The answer to a question asked beside an emergency: after what to do now, so only its first
   * sentences and the sources in short; the whole answer (tips, when to see a doctor, every source)
   * is one tap away.
   */
  answerInShort(id: string): { text: string; more: MoreContent } {
    const m = this.deps.messages;
    const topic = this.deps.kb.topic(id);
    const answer = this.fill(topic.answer.trim());
    const lead = leadSentences(answer, EMERGENCY_ANSWER_WORDS);
    const text = [`${m.emergencyAnswerHeading} **${topic.title}**`, lead, this.shortSourcesLine(topic.sources)].filter((p): p is string => Boolean(p)).join('\n\n');
    const { more } = this.healthAnswer(topic, {});
    const [title, ...rest] = more.text.split('\n\n');
    return { text, more: { ...more, text: [title, answer, ...rest].join('\n\n') } };
  }

  /**
   * One reply for one turn: the answer to what was asked; the advice for any red flag reported,
   * urgency first; at most one question, after the answer. A routine-level flag is a short note under
   * the answer. In an emergency nothing is put before what to do now (but the same advice in the
   * parent's own language): the answer follows it, in short.
   */
  plan(plan: TurnPlan): Reply {
    const flags = this.knownFlags(plan.flags ?? []);
    const level = flags.length > 0 ? this.highestLevel(flags.map((f) => f.level)) : undefined;
    const join = (parts: Array<string | undefined>) => parts.filter((p): p is string => Boolean(p)).join('\n\n');
    if (level === 'emergency') {
      // What to do now first (a preface is the same advice in the parent's own language); then, in
      // short, the answer to what was asked: a parent in crisis who asked something is not ignored.
      const emergency = this.escalation(plan.flags ?? [], { toBeSafe: plan.toBeSafe });
      const asked = plan.topic && plan.questionAsked !== false && this.answerable(plan.topic) ? this.answerInShort(plan.topic) : undefined;
      const offer = asked ? undefined : this.candidatesOffer(plan.candidates);
      return {
        ...emergency,
        text: join([plan.preface, emergency.text, asked?.text, offer?.text]),
        brief: join([plan.preface, emergency.brief, asked?.text, offer?.text]),
        choices: [...(emergency.choices ?? []), ...(offer?.choices ?? [])],
        ...(asked ? { topic: plan.topic, more: asked.more } : {}),
      };
    }
    const flagSources = flags.flatMap((f) => f.sources);
    // A routine flag is a short note under the answer, before its sources.
    const note = level === 'routine' ? { text: `${this.deps.messages.routineNoteHeading} ${flags.map((f) => this.fill(f.why)).join(' ')}`, sources: flagSources } : undefined;
    const question = plan.question;
    // A question after the answer is read before any tap too: the tips leave room for it.
    const followingWords = question ? countWords(question.text) : 0;
    const answer = plan.topic ? this.topic(plan.topic, { intro: plan.intro, askedAbout: plan.askedAbout, note, followingWords }) : undefined;

    if (!level) {
      const text = join([plan.preface, answer?.text, question?.text]);
      // A waiting question's choices are the only buttons: the rest of the answer stays one typed "more" away.
      return {
        ...(answer ?? {}),
        text,
        choices: question?.choices ?? answer?.choices,
        more: question ? undefined : answer?.more,
      };
    }
    if (level === 'routine') {
      const m = this.deps.messages;
      const notes = flags.map((f) => this.fill(f.why));
      const advice = answer
        ? undefined
        : join([
            `**${this.flagAdvice(plan.flags ?? [], 'routine', plan.toBeSafe)}**`,
            bullets(notes),
            `${m.whoToCallHeading} ${this.contactLine()}.`,
            this.shortSourcesLine(flagSources),
          ]);
      const offer = answer || question ? undefined : this.candidatesOffer(plan.candidates);
      return {
        ...(answer ?? {}),
        text: join([plan.preface, answer?.text, advice, question?.text, offer?.text]),
        escalation: { level, reasons: flags.map((f) => f.id) },
        choices: question?.choices ?? answer?.choices ?? [{ label: m.summaryChoice }, { label: m.anotherQuestionChoice }, ...(offer?.choices ?? [])],
      };
    }
    const escalation = this.escalation(plan.flags ?? [], { toBeSafe: plan.toBeSafe });
    if (!answer) {
      const offer = this.candidatesOffer(plan.candidates);
      return {
        ...escalation,
        text: join([plan.preface, escalation.text, offer?.text]),
        brief: join([plan.preface, escalation.brief, offer?.text]),
        choices: [...(escalation.choices ?? []), ...(offer?.choices ?? [])],
      };
    }
    // Urgency first, then the answer, then why and whom to call (in the card where there is one).
    const [headline, ...details] = escalation.text.split('\n\n');
    return {
      ...escalation,
      text: join([plan.preface, headline, answer.text, ...details]),
      brief: join([plan.preface, escalation.brief, answer.text]),
      topic: answer.topic,
      more: answer.more,
    };
  }

  /** After advice, for a question not understood for sure: the topics it may have meant, as buttons. */
  private candidatesOffer(candidates: readonly string[] | undefined): { text: string; choices: ReplyChoice[] } | undefined {
    const choices = this.topicChoices((candidates ?? []).filter((id) => this.answerable(id)));
    return choices.length > 0 ? { text: this.deps.messages.flagCandidatesPrompt, choices } : undefined;
  }

  unsure(candidates: readonly string[]): Reply {
    return {
      text: this.deps.messages.notSure,
      choices: [...this.topicChoices(candidates), { label: this.deps.messages.noneOfThese }],
    };
  }

  outOfScope(): Reply {
    return { text: this.deps.messages.outOfScope, choices: this.welcomeChoices() };
  }

  /** The offer of a person, keeping the topics the parent most likely meant as buttons. */
  misunderstoodTwice(likely: readonly string[] = []): Reply {
    const likelyChoices = this.topicChoices(likely.filter((id) => this.deps.kb.topic(id).group !== 'conversation'));
    const labels = new Set(likelyChoices.map((c) => c.label));
    const choices = [...likelyChoices, ...this.welcomeChoices().filter((c) => !labels.has(c.label))].slice(0, 6);
    return { text: this.fill(this.deps.messages.misunderstoodTwice), topic: 'human-handoff', choices };
  }

  private knownFlags(mentions: readonly FlagMention[]) {
    return [...new Set(mentions.map((m) => m.id))].map((id) => this.deps.redFlags.flags.get(id)).filter((f) => f !== undefined);
  }

  private highestLevel(levels: readonly Urgency[]): Urgency {
    return levels.reduce((a, b) => (urgencyRank(b) > urgencyRank(a) ? b : a));
  }

  levelOf(mentions: readonly FlagMention[]): Urgency {
    return this.highestLevel(this.knownFlags(mentions).map((f) => f.level));
  }

  /**
   * What to do: the flag's own advice when the flags at the highest level agree on one (D-MER is not
   * about a medicine), otherwise the level's. "To be safe" when the parent was not sure.
   */
  private flagAdvice(mentions: readonly FlagMention[], level: Urgency, toBeSafe = false): string {
    const top = this.knownFlags(mentions).filter((f) => f.level === level);
    const own = [...new Set(top.map((f) => f.advice))];
    const advice = this.fill(own.length === 1 && own[0] ? own[0] : this.deps.redFlags.levels[level].howSoon);
    if (!toBeSafe) return advice;
    // "To be safe, book an appointment...": the advice goes on the sentence in lower case, names and numbers kept.
    const inSentence = /^[A-Z][a-z]/.test(advice) ? `${advice[0].toLowerCase()}${advice.slice(1)}` : advice;
    return this.deps.messages.toBeSafe.replace('{advice}', inSentence);
  }

  private crisisSentences(mentions: readonly FlagMention[]): string[] {
    return this.knownFlags(mentions)
      .map((f) => f.crisisLine)
      .filter((l): l is string => Boolean(l))
      .map((l) => this.fill(l))
      .filter((l, i, all) => all.indexOf(l) === i);
  }

  /**
   * The see-a-doctor message: how soon first, then why, what they said, and whom to call. Its brief,
   * for channels that show the card, is one line: the card says the rest.
   */
  escalation(mentions: readonly FlagMention[], options: { toBeSafe?: boolean } = {}): Reply {
    const m = this.deps.messages;
    const flags = this.knownFlags(mentions);
    if (flags.length === 0) throw new Error(`No red flag definition for ${mentions.map((x) => x.id).join(', ')}`);
    const level = this.highestLevel(flags.map((f) => f.level));
    const howSoon = this.flagAdvice(mentions, level, options.toBeSafe);
    const why = flags.map((f) => this.fill(f.why));
    const quotes = [...new Set(mentions.map((x) => x.quote?.trim()).filter((q): q is string => Boolean(q)))].map(escapeQuoted);
    const { clinic } = this.deps;
    const contact = this.contactLine();
    const crisis = this.crisisSentences(mentions);
    const notes: string[] = [...crisis];
    // To someone in crisis, "I can't tell what is causing this" is cold and beside the point.
    if (crisis.length === 0) notes.push(m.notDiagnosis);
    if (level === 'soon' || level === 'routine') notes.push(m.safetyNet);
    const sources = this.shortSourcesLine(flags.flatMap((f) => f.sources));
    const toldMe = quotes.map((q) => `"${q}"`);
    const parts = [`**${howSoon}**`, `${m.whyHeading}\n${bullets(why)}`];
    if (toldMe.length > 0) parts.push(`${m.toldMeHeading} ${toldMe.join('; ')}`);
    parts.push(`${m.whoToCallHeading} ${contact}. ${level === 'emergency' ? '' : `In an emergency, call ${clinic.emergencyNumber}.`}`.trim());
    parts.push(...notes);
    if (sources) parts.push(sources);
    const choices: ReplyChoice[] = [{ label: m.summaryChoice }];
    if (level === 'emergency') choices.push({ label: m.gettingHelpChoice });
    else choices.push({ label: m.anotherQuestionChoice });
    const card: EscalationCard = {
      kind: 'escalation',
      level,
      headline: howSoon,
      why,
      contact: { name: clinic.name, phone: clinic.phone, web: clinic.web },
      emergencyNumber: clinic.emergencyNumber,
      crisisLine: crisis.length > 0 ? clinic.crisisLine : undefined,
      toldMe,
      notes,
      sources,
    };
    return {
      text: parts.join('\n\n'),
      // The one line shown above the card: what to do, so it is read first even where the card is not.
      brief: `**${howSoon}**`,
      escalation: { level, reasons: flags.map((f) => f.id) },
      choices,
      card,
    };
  }

  /** The clinic's name, phone (a tel: link) and web address. */
  private contactLine(): string {
    const { clinic } = this.deps;
    return [clinic.name, clinic.phone ? `[${clinic.phone}](${telLink(clinic.phone)})` : undefined, clinic.web].filter(Boolean).join(', ');
  }

  /**
   * While an emergency stands, every turn repeats what to do now. A question asked meanwhile is
   * answered after it: in short, or, when the rest of an answer is asked for, the whole answer.
   */
  emergencyReminder(mentions: readonly FlagMention[], asked?: { topic: string; whole?: boolean }): Reply {
    const m = this.deps.messages;
    const crisis = this.crisisSentences(mentions).join(' ');
    const text = this.fill(m.emergencyStays).replace('{crisisLineSentence}', crisis).trim();
    const reminder: Reply = {
      text,
      escalation: { level: 'emergency', reasons: this.knownFlags(mentions).map((f) => f.id) },
      choices: [{ label: m.summaryChoice }, { label: m.gettingHelpChoice }],
    };
    if (!asked || !this.answerable(asked.topic)) return reminder;
    const answer = this.answerInShort(asked.topic);
    if (asked.whole) return { ...reminder, text: `${text}\n\n${answer.more.text}`, topic: asked.topic };
    return { ...reminder, text: `${text}\n\n${answer.text}`, topic: asked.topic, more: answer.more };
  }

  /** What the parent reported, in their own words (escaped), to show a clinician. */
  summary(reported: readonly ReportedItem[], advice: readonly FlagMention[], date: Date): Reply {
    const m = this.deps.messages;
    if (reported.length === 0 && advice.length === 0) return { text: m.summaryEmpty };
    const lines = [`${m.summaryDateLabel}: ${date.toISOString().slice(0, 10)}`];
    for (const item of reported) lines.push(item.question ? `${item.question} ${escapeQuoted(item.said)}` : `"${escapeQuoted(item.said)}"`);
    if (advice.length > 0) {
      const level = this.levelOf(advice);
      const labels = this.knownFlags(advice).map((f) => f.label);
      lines.push(`${m.summaryAdviceLabel}: ${this.flagAdvice(advice, level)} (${labels.join('; ')})`);
    }
    return {
      text: `${m.summaryIntro}\n\n${bullets(lines)}`,
      card: { kind: 'summary', title: m.summaryTitle, lines },
    };
  }

  /** A yes/no question, with Yes, No and Not sure as its choices. */
  confirmQuestion(question: string): Reply {
    const m = this.deps.messages;
    return { text: question, choices: [{ label: m.confirmYes }, { label: m.confirmNo }, { label: m.confirmUnsure }] };
  }
}
