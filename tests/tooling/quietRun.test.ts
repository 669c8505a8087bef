import { spawnSync } from 'node:child_process';
import { projectRoot } from '../../core/projectRoot';

/**
 * What a maintainer sees: a dependency tree npm accepts, and a test run that prints nothing but the
 * runner's own lines. The run below takes the suites that used to print (a deprecation warning from
 * every server start, recall tables, the signing keys of a forged-token test).
 */
describe('what a maintainer sees', () => {
  it('npm ls --all passes: no invalid, missing or extraneous package', () => {
    const result = spawnSync('npm', ['ls', '--all'], { cwd: projectRoot(), encoding: 'utf8', timeout: 60_000 });
    // npm names each problem on stderr ("npm error invalid: react@19...", "npm error extraneous: ...").
    expect(result.stderr.split('\n').filter((l) => l.startsWith('npm error') && !/complete log/.test(l))).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('npm test prints only the runner’s lines', () => {
    const suites = ['tests/bot/authentication.test.ts', 'tests/safety/crisisSet.test.ts', 'tests/http/clientMistakes.test.ts'];
    const result = spawnSync('npm', ['test', '--silent', '--', '--runInBand', ...suites], { cwd: projectRoot(), encoding: 'utf8', timeout: 240_000 });
    expect(result.status).toBe(0);
    const runnerLine = /^(PASS|FAIL) |^\s*(Test Suites|Tests|Snapshots|Time|Ran all test suites)\b|^\s*$/;
    const other = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => !runnerLine.test(line));
    expect(other).toEqual([]);
  }, 250_000);
});
