import { expect } from 'chai';
import { ConfigError, readConfig } from '../../src/config.ts';

describe('e-mail configuration', () => {
  it('with neither SMTP_URL nor NOTIFY_API_KEY, e-mail is off and the start-up log says how to switch it on', () => {
    const c = readConfig({});
    expect(c.email).to.equal(undefined);
    expect(c.switchedOff.join(' ')).to.contain('E-mail is off: set SMTP_URL');
  });

  it('with SMTP_URL, mail goes by SMTP from MAIL_FROM', () => {
    const c = readConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'Handover <h@example.org>' });
    expect(c.email).to.deep.equal({
      from: 'Handover <h@example.org>',
      smtpUrl: 'smtp://127.0.0.1:2525',
      notify: undefined,
    });
  });

  it('with a Notify key, Notify is used and the template id is required', () => {
    expect(() => readConfig({ NOTIFY_API_KEY: 'key' })).to.throw(ConfigError, /NOTIFY_TEMPLATE_ID/);
    const c = readConfig({ NOTIFY_API_KEY: 'key', NOTIFY_TEMPLATE_ID: 'tpl', SMTP_URL: 'smtp://x' });
    expect(c.email?.notify).to.deep.equal({ apiKey: 'key', templateId: 'tpl', baseUrl: undefined });
    expect(c.email?.smtpUrl).to.equal(undefined);
  });

  it('in production, e-mail needs PUBLIC_URL for its links and MAIL_FROM for SMTP', () => {
    expect(() => readConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://x', MAIL_FROM: 'a@b.org' })).to.throw(
      ConfigError,
      /PUBLIC_URL/,
    );
    expect(() =>
      readConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://x', PUBLIC_URL: 'https://h.example.org' }),
    ).to.throw(ConfigError, /MAIL_FROM/);
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps://', () => {
    expect(() => readConfig({ SMTP_URL: 'http://mail' })).to.throw(ConfigError, /SMTP_URL/);
  });
});
