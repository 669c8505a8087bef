/** What language understanding makes of one message. Domain core: no Bot Framework types here. */

export interface TopicScore {
  topic: string;
  /** Calibrated: about the share of messages at this score that really are this topic. */
  confidence: number;
}

export type Understanding =
  /** Confident enough to answer the topic directly. */
  | { kind: 'topic'; topic: string; confidence: number; alternatives: TopicScore[] }
  /** Probably in scope but not sure which topic: offer the candidates (two or three) as choices. */
  | { kind: 'unsure'; confidence: number; candidates: TopicScore[] }
  /** Clearly not about leaking, discharge or this bot. */
  | { kind: 'out-of-scope'; confidence: number; candidates: TopicScore[] };

export interface LanguageUnderstanding {
  understand(text: string): Understanding;
}
