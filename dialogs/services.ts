import type { ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { FlagMention, ReplyComposer, ReportedItem } from '../core/conversation/composer';
import type { LanguageUnderstanding } from '../core/nlu/types';
import type { ParentContext, SafetyAssessment } from '../core/safety/types';
import type { EmojiWords } from '../core/text/emoji';
import type { SymptomCheckContent } from '../core/triage/content';

export interface OtherLanguage {
  languageOf(text: string): string | undefined;
  notice(language: string): string;
}

export interface RedFlagDetector {
  assess(text: string, known: ParentContext): SafetyAssessment;
}

/** The domain core, as the dialogs use it. */
export interface DialogServices {
  composer: ReplyComposer;
  understanding: LanguageUnderstanding;
  safety: RedFlagDetector;
  symptomCheck: SymptomCheckContent;
  /** Emoji read as words in typed answers (a 👍 is a yes, a 🩸 is blood). */
  emoji?: EmojiWords;
  /**
   * Messages written in another language: `languageOf` gives its ISO 639-1 code when the message is
   * clearly not English (undefined otherwise), and `notice` the short reply in that language (this
   * helper reads English; call the emergency number or the clinic), clinic numbers filled in.
   * Red-flag detection still runs on such a message.
   */
  otherLanguage?: OtherLanguage;
  /** Language understanding reads this many characters of a message. */
  maxMessageChars: number;
  /** Longer messages are not read at all (see AppConfig limits.maxReadableChars). */
  maxReadableChars?: number;
  now?: () => Date;
}

/** What this conversation has reported, for the summary a parent can show a clinician. */
export interface ConversationReport {
  items: ReportedItem[];
  /** Red flags the bot advised about. */
  advice: FlagMention[];
}

/** Kept small and bounded: a conversation's state is health data and expires with it. */
export const MAX_REPORT_ITEMS = 20;

export class DialogStateAccessors {
  readonly parent: StatePropertyAccessor<ParentContext>;
  readonly report: StatePropertyAccessor<ConversationReport>;
  readonly misunderstood: StatePropertyAccessor<number>;
  /** Red flag ids of an emergency still standing: the conversation stays on it. */
  readonly emergency: StatePropertyAccessor<FlagMention[]>;
  /** The last health topic answered, for "tell me more". */
  readonly lastTopic: StatePropertyAccessor<string>;
  /** Topics the last misunderstood message may have meant, kept for the offer of a person. */
  readonly likelyTopics: StatePropertyAccessor<string[]>;

  constructor(conversationState: ConversationState, userState: UserState) {
    this.parent = userState.createProperty<ParentContext>('parent');
    this.report = conversationState.createProperty<ConversationReport>('report');
    this.misunderstood = conversationState.createProperty<number>('misunderstood');
    this.emergency = conversationState.createProperty<FlagMention[]>('emergency');
    this.lastTopic = conversationState.createProperty<string>('lastTopic');
    this.likelyTopics = conversationState.createProperty<string[]>('likelyTopics');
  }

  async addReported(context: TurnContext, items: ReportedItem[], advice: FlagMention[] = []): Promise<void> {
    const report = await this.report.get(context, { items: [], advice: [] });
    report.items = [...report.items, ...items].slice(-MAX_REPORT_ITEMS);
    const known = new Set(report.advice.map((a) => a.id));
    report.advice = [...report.advice, ...advice.filter((a) => !known.has(a.id))].slice(-MAX_REPORT_ITEMS);
    await this.report.set(context, report);
  }
}
