import { describe, expect, it } from '@jest/globals';
import { devicesInOrder, summarizeUserAgent } from '../src/features/account/user-agent';

// Real User-Agent headers, as the browsers send them.
const AGENTS: [string, string, { browser?: string; os?: string }][] = [
  [
    'Chrome on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    { browser: 'Chrome', os: 'Windows' },
  ],
  [
    'Edge on Windows (it names Chrome and Safari too)',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70',
    { browser: 'Edge', os: 'Windows' },
  ],
  [
    'Firefox on Linux',
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    { browser: 'Firefox', os: 'Linux' },
  ],
  [
    'Safari on macOS',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    { browser: 'Safari', os: 'macOS' },
  ],
  [
    'Safari on an iPhone (which says "like Mac OS X")',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    { browser: 'Safari', os: 'iOS' },
  ],
  [
    'Chrome on an iPad',
    'Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
    { browser: 'Chrome', os: 'iOS' },
  ],
  [
    'Chrome on Android (which says Linux)',
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36',
    { browser: 'Chrome', os: 'Android' },
  ],
  [
    'Samsung Internet on Android',
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
    { browser: 'Samsung Internet', os: 'Android' },
  ],
  [
    'Opera on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0',
    { browser: 'Opera', os: 'Windows' },
  ],
  [
    'Yandex Browser on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 YaBrowser/24.10.0.0 Safari/537.36',
    { browser: 'Yandex Browser', os: 'Windows' },
  ],
  [
    'Chrome on ChromeOS (which says Linux nowhere)',
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    { browser: 'Chrome', os: 'ChromeOS' },
  ],
  [
    'headless Chrome, as the browser tests drive it',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
    { browser: 'Chrome', os: 'Linux' },
  ],
  ['a script, which names no browser or system', 'curl/8.5.0', {}],
];

describe('summarizeUserAgent', () => {
  it.each(AGENTS)('names %s', (_name, userAgent, expected) => {
    expect(summarizeUserAgent(userAgent)).toEqual(expected);
  });

  it('names nothing when the device sent no User-Agent', () => {
    expect(summarizeUserAgent(null)).toEqual({});
    expect(summarizeUserAgent('')).toEqual({});
  });
});

describe('devicesInOrder', () => {
  it('puts this device first, then the most recently signed in, without changing the list it was given', () => {
    const sessions = [
      { id: 'old', current: false, createdAt: '2026-11-01T08:00:00.000Z' },
      { id: 'here', current: true, createdAt: '2026-10-01T08:00:00.000Z' },
      { id: 'new', current: false, createdAt: '2026-11-30T08:00:00.000Z' },
    ];
    expect(devicesInOrder(sessions).map((session) => session.id)).toEqual(['here', 'new', 'old']);
    expect(sessions.map((session) => session.id)).toEqual(['old', 'here', 'new']);
  });
});
