// Secrets and client details never reach a log line, wherever they sit in the logged object.
import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log.ts';

function capture(): { stream: Writable; lines: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('') };
}

describe('logs: secrets and client fields are redacted', () => {
  it('given a log line with a token, a password, a cookie and client details at several depths, then none of their values is written', () => {
    const out = capture();
    const log = createLogger('info', out.stream);
    log.info(
      {
        token: 'xoxb-secret-token',
        password: 'hunter2-secret',
        authorization: 'Bearer secret-jwt',
        config: {
          signingSecret: 'slack-signing-secret',
          botToken: 'xoxb-nested',
          appPassword: 'teams-secret',
          adminToken: 'admin-secret',
        },
        req: { headers: { authorization: 'Bearer header-secret', cookie: 'wh_reports=cookie-secret' } },
        input: {
          clientName: 'R.T.',
          clientContact: '07700 900123',
          needs: 'anxiety after redundancy',
          reasonForService: 'nearby',
          note: 'prefers mornings',
          text: 'free text',
        },
        handoverId: 'H-7KQ2-M9XD',
      },
      'something happened',
    );
    const line = out.lines();
    for (const secret of [
      'xoxb-secret-token',
      'hunter2-secret',
      'secret-jwt',
      'slack-signing-secret',
      'xoxb-nested',
      'teams-secret',
      'admin-secret',
      'header-secret',
      'cookie-secret',
      'R.T.',
      '07700 900123',
      'anxiety after redundancy',
      'prefers mornings',
      'free text',
    ]) {
      expect(line).not.to.contain(secret);
    }
    expect(line).to.contain('[redacted]');
    expect(line, 'what is not secret stays').to.contain('H-7KQ2-M9XD');
    expect(JSON.parse(line).msg).to.equal('something happened');
  });
});
