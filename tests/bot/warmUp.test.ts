import { loadConfig } from '../../bot/config';
import { warmUp, warmUpMessages } from '../../index';
import { TEST_CLINIC_ENV, testDomain } from '../support/domain';

describe('warm-up before the server listens', () => {
  const config = loadConfig({ ...TEST_CLINIC_ENV, PORT: '0', HOST: '127.0.0.1' });

  it('takes its messages from the knowledge files: a greeting, topic examples and a red flag of each level', () => {
    const domain = testDomain();
    const messages = warmUpMessages(domain);
    const examples = new Set([...domain.kb.topics.values()].flatMap((t) => t.examples));
    const questions = [...domain.redFlags.flags.values()];
    expect(messages.filter((m) => examples.has(m)).length).toBeGreaterThanOrEqual(3);
    for (const level of ['emergency', 'urgent', 'soon', 'routine']) {
      expect(messages.some((m) => questions.some((f) => f.level === level && f.question === m))).toBe(true);
    }
  });

  it('runs every message through the whole bot, the red-flag path and its escalation included', async () => {
    const replies = await warmUp(config, testDomain());
    expect(replies).toHaveLength(warmUpMessages(testDomain()).length);
    for (const reply of replies) expect(reply.some((a) => a.type === 'message' && (a.text ?? '').length > 0)).toBe(true);
    const escalations = replies.flat().map((a) => (a.channelData as { escalation?: { level: string } } | undefined)?.escalation?.level);
    expect(escalations).toContain('emergency');
  });
});
