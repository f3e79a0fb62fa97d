import { describe, expect, it } from '@jest/globals';
import { jobErrorText } from '../src/features/admin/mail/job-error';
import { MAIL_FRAME_POLICY, mailDocument } from '../src/features/admin/mail/mail-document';

describe('mailDocument', () => {
  it('puts a policy that loads nothing and runs nothing before any of the message', () => {
    const html = '<p>Hello</p><img src="https://tracker.example/pixel.gif"><script>alert(1)</script>';
    const document = mailDocument(html);
    const policyAt = document.indexOf(`content="${MAIL_FRAME_POLICY}"`);
    expect(policyAt).toBeGreaterThan(0);
    expect(policyAt).toBeLessThan(document.indexOf(html));
    expect(MAIL_FRAME_POLICY).toContain("default-src 'none'");
    expect(MAIL_FRAME_POLICY).not.toMatch(/script-src|https?:/);
  });

  it('puts the policy first in the head of a whole document, before its styles and images', () => {
    const html =
      '<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><link rel="stylesheet" href="https://fonts.example/a.css"></head><body><p>مرحبًا</p></body></html>';
    const document = mailDocument(html);
    expect(document.startsWith('<!doctype html><html lang="ar" dir="rtl"><head><meta http-equiv="Content-Security-Policy"')).toBe(true);
    expect(document.indexOf(MAIL_FRAME_POLICY)).toBeLessThan(document.indexOf('<link'));
    expect(document.match(/<head/g)).toHaveLength(1);
  });
});

describe('jobErrorText', () => {
  it('shows the message of the last error, not its stack', () => {
    expect(jobErrorText({ name: 'Error', message: ' connect ECONNREFUSED 127.0.0.1:25 ', stack: 'Error: …\n    at …' })).toBe(
      'connect ECONNREFUSED 127.0.0.1:25',
    );
  });

  it('shows what was recorded when there is no message, and nothing when nothing was', () => {
    expect(jobErrorText({ code: 'EAUTH', responseCode: 535 })).toBe('{"code":"EAUTH","responseCode":535}');
    expect(jobErrorText({ stack: 'only a stack' })).toBe('');
    expect(jobErrorText(null)).toBe('');
  });
});
