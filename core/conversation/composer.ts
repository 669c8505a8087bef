import type { KnowledgeBase } from '../knowledge/loader';
import type { Topic } from '../knowledge/schema';
import type { RedFlagDefinitions } from '../safety/definitions';
import { urgencyRank, type Urgency } from '../safety/types';
import type { BotMessages } from './messages';
import type { Reply, ReplyChoice } from './reply';
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

function telLink(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

function bullets(lines: string[]): string {
  return lines.map((l) => `- ${l}`).join('\n');
}

/**
 * Turns knowledge and red-flag findings into replies. Every health answer ends with its sources;
 * every escalation says how soon, why, and whom to call. No channel specifics here.
 */
export class ReplyComposer {
  constructor(private readonly deps: ComposerDependencies) {}

  fill(text: string): string {
    return fillTemplate(text, this.deps.clinic);
  }

  get messages(): BotMessages {
    return this.deps.messages;
  }

  /** A topic title as a button; the click sends the title back, which the router maps to the topic. */
  topicChoices(ids: readonly string[]): ReplyChoice[] {
    return ids.filter((id) => this.deps.kb.topics.has(id)).map((id) => ({ label: this.choiceLabel(this.deps.kb.topic(id)) }));
  }

  choiceLabel(topic: Topic): string {
    const max = this.deps.messages.choiceLabelMaxChars;
    return topic.title.length <= max ? topic.title : `${topic.title.slice(0, max - 1).trimEnd()}…`;
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

  sourcesLine(sourceIds: readonly string[]): string | undefined {
    const citations = [...new Set(sourceIds)].map((id) => this.deps.kb.sources.get(id)?.citation).filter((c): c is string => Boolean(c));
    return citations.length > 0 ? `${this.deps.messages.sourcesPrefix} ${citations.join('; ')}` : undefined;
  }

  /** A knowledge topic's answer: title, answer, tips, when to see a doctor, sources; related topics as choices. */
  topic(id: string, options: { intro?: string; askedAbout?: FlagMention[] } = {}): Reply {
    const topic = this.deps.kb.topic(id);
    const m = this.deps.messages;
    if (topic.group === 'conversation') {
      const choices = id === 'greeting' || id === 'help' ? this.welcomeChoices() : this.topicChoices(topic.related);
      return { text: this.fill(topic.answer.trim()), topic: id, choices };
    }
    const parts: string[] = [];
    if (options.intro) parts.push(options.intro);
    parts.push(`**${topic.title}**`, this.fill(topic.answer.trim()));
    if (topic.tips.length > 0) parts.push(`${m.tipsHeading}\n${bullets(topic.tips.map((t) => this.fill(t)))}`);
    if (topic.seeDoctor) parts.push(`${m.seeDoctorHeading} ${this.fill(topic.seeDoctor)}`);
    const sourceIds = [...topic.sources];
    const asked = this.knownFlags(options.askedAbout ?? []);
    if (asked.length > 0) {
      const level = this.highestLevel(asked.map((f) => f.level));
      parts.push(`${m.askedAboutNote} ${this.fill(this.deps.redFlags.levels[level].howSoon)}`);
      asked.forEach((f) => sourceIds.push(...f.sources.filter((s) => this.deps.kb.sources.has(s))));
    }
    const sources = this.sourcesLine(sourceIds);
    if (sources) parts.push(sources);
    return { text: parts.join('\n\n'), topic: id, choices: this.topicChoices(topic.related) };
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

  misunderstoodTwice(): Reply {
    return { text: this.fill(this.deps.messages.misunderstoodTwice), topic: 'human-handoff', choices: this.welcomeChoices() };
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

  private crisisSentences(mentions: readonly FlagMention[]): string[] {
    return this.knownFlags(mentions)
      .map((f) => f.crisisLine)
      .filter((l): l is string => Boolean(l))
      .map((l) => this.fill(l))
      .filter((l, i, all) => all.indexOf(l) === i);
  }

  /** The see-a-doctor message: how soon first, then why, what they said, and whom to call. */
  escalation(mentions: readonly FlagMention[]): Reply {
    const m = this.deps.messages;
    const flags = this.knownFlags(mentions);
    if (flags.length === 0) throw new Error(`No red flag definition for ${mentions.map((x) => x.id).join(', ')}`);
    const level = this.highestLevel(flags.map((f) => f.level));
    const howSoon = this.fill(this.deps.redFlags.levels[level].howSoon);
    const why = flags.map((f) => this.fill(f.why));
    const quotes = [...new Set(mentions.map((x) => x.quote?.trim()).filter((q): q is string => Boolean(q)))];
    const { clinic } = this.deps;
    const contact = [
      clinic.name,
      clinic.phone ? `[${clinic.phone}](${telLink(clinic.phone)})` : undefined,
      clinic.web,
    ].filter(Boolean).join(', ');
    const crisis = this.crisisSentences(mentions);
    const parts = [`**${howSoon}**`, `${m.whyHeading}\n${bullets(why)}`];
    if (quotes.length > 0) parts.push(`${m.toldMeHeading} ${quotes.map((q) => `"${q}"`).join('; ')}`);
    parts.push(`${m.whoToCallHeading} ${contact}. ${level === 'emergency' ? '' : `In an emergency, call ${clinic.emergencyNumber}.`}`.trim());
    parts.push(...crisis);
    // To someone in crisis, "I can't tell what is causing this" is cold and beside the point.
    if (crisis.length === 0) parts.push(m.notDiagnosis);
    if (level === 'soon' || level === 'routine') parts.push(m.safetyNet);
    const sources = this.sourcesLine(flags.flatMap((f) => f.sources));
    if (sources) parts.push(sources);
    const choices: ReplyChoice[] = [{ label: m.summaryChoice }];
    if (level === 'emergency') choices.push({ label: m.gettingHelpChoice });
    else choices.push({ label: m.anotherQuestionChoice });
    return {
      text: parts.join('\n\n'),
      escalation: { level, reasons: flags.map((f) => f.id) },
      choices,
      card: {
        kind: 'escalation',
        level,
        headline: howSoon,
        why,
        contact: { name: clinic.name, phone: clinic.phone, web: clinic.web },
        emergencyNumber: clinic.emergencyNumber,
        crisisLine: crisis.length > 0 ? clinic.crisisLine : undefined,
      },
    };
  }

  /** While an emergency stands, every turn repeats what to do now. */
  emergencyReminder(mentions: readonly FlagMention[]): Reply {
    const m = this.deps.messages;
    const crisis = this.crisisSentences(mentions).join(' ');
    const text = this.fill(m.emergencyStays).replace('{crisisLineSentence}', crisis).trim();
    return {
      text,
      escalation: { level: 'emergency', reasons: this.knownFlags(mentions).map((f) => f.id) },
      choices: [{ label: m.summaryChoice }, { label: m.gettingHelpChoice }],
    };
  }

  /** What the parent reported, in their own words, to show a clinician. */
  summary(reported: readonly ReportedItem[], advice: readonly FlagMention[], date: Date): Reply {
    const m = this.deps.messages;
    if (reported.length === 0 && advice.length === 0) return { text: m.summaryEmpty };
    const lines = [`${m.summaryDateLabel}: ${date.toISOString().slice(0, 10)}`];
    for (const item of reported) lines.push(item.question ? `${item.question} ${item.said}` : `"${item.said}"`);
    if (advice.length > 0) {
      const level = this.levelOf(advice);
      const labels = this.knownFlags(advice).map((f) => f.label);
      lines.push(`${m.summaryAdviceLabel}: ${this.fill(this.deps.redFlags.levels[level].howSoon)} (${labels.join('; ')})`);
    }
    return {
      text: `${m.summaryIntro}\n\n${bullets(lines)}`,
      card: { kind: 'summary', title: m.summaryTitle, lines },
    };
  }

  confirmQuestion(question: string): Reply {
    return { text: question, choices: [{ label: this.deps.messages.confirmYes }, { label: this.deps.messages.confirmNo }] };
  }
}
