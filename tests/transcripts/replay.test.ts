import { relative, join } from 'node:path';
import { TEST_CLINIC_ENV, testDomain } from '../support/domain';
import { startBot, type RunningBot } from '../support/runningBot';
import { TRANSCRIPTS_DIR, readTranscript, replayAndCompare, transcriptFiles } from './support';

/**
 * Every .transcript in this folder, whether recorded with scripts/transcriptRecord.ts or saved in the
 * Bot Framework Emulator, is replayed against the real server the Emulator's way (its replies go to a
 * local connector), and the bot must answer each user turn as the transcript shows. See docs/emulator.md.
 */
const files = transcriptFiles();

describe('Emulator transcripts, replayed against the real bot', () => {
  let bot: RunningBot;

  beforeAll(async () => {
    bot = await startBot(TEST_CLINIC_ENV, { domain: testDomain() });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('has transcripts to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(1);
  });

  if (files.length > 0) {
    it.each(files)('%s', async (name) => {
      const source = relative(process.cwd(), join(TRANSCRIPTS_DIR, name));
      const outcome = await replayAndCompare(bot.baseUrl, readTranscript(name), source);
      if (outcome.differences.length > 0) throw new Error(outcome.report);
      expect(outcome.turnCount).toBeGreaterThan(0);
    });
  }
});
