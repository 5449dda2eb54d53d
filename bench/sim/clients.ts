import type { Rng } from './prng.js';

// Client software profiles: header names in each one's own order, user agents and languages.

export type Profile = [string, string][];

const CHROME_WIN: Profile = [
  ['user-agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'],
  ['accept', 'application/json, text/plain, */*'],
  ['sec-ch-ua-platform', '"Windows"'],
  ['accept-encoding', 'gzip, deflate, br, zstd'],
  ['accept-language', 'en-US,en;q=0.9'],
];
const SAFARI_MAC: Profile = [
  ['accept', 'application/json'],
  ['accept-language', 'en-GB,en;q=0.9'],
  ['user-agent', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'],
  ['accept-encoding', 'gzip, deflate, br'],
];
const FIREFOX_DE: Profile = [
  ['user-agent', 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0'],
  ['accept', 'application/json'],
  ['accept-language', 'de-DE,de;q=0.8,en-US;q=0.5'],
  ['accept-encoding', 'gzip, deflate, br'],
];
const IOS_APP: Profile = [
  ['accept', 'application/json'],
  ['user-agent', 'ShopApp/5.12 (iPhone; iOS 17.5; Scale/3.00) CFNetwork/1496.0.7 Darwin/23.5.0'],
  ['accept-language', 'en-US;q=1'],
  ['accept-encoding', 'gzip, deflate, br'],
];
const ANDROID_APP: Profile = [
  ['accept', 'application/json'],
  ['accept-encoding', 'gzip'],
  ['user-agent', 'okhttp/4.12.0'],
];

export const BROWSER_PROFILES: Profile[] = [CHROME_WIN, CHROME_WIN, CHROME_WIN, SAFARI_MAC, FIREFOX_DE, IOS_APP, ANDROID_APP];

export const TOOL_PYTHON: Profile = [
  ['user-agent', 'python-requests/2.32.3'],
  ['accept-encoding', 'gzip, deflate'],
  ['accept', '*/*'],
  ['connection', 'keep-alive'],
];
export const TOOL_HEADLESS: Profile = [
  ['user-agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/125.0.0.0 Safari/537.36'],
  ['accept', 'application/json'],
  ['accept-language', 'en-US'],
];
export const TOOL_GO: Profile = [
  ['user-agent', 'Go-http-client/1.1'],
  ['accept-encoding', 'gzip'],
];

/** A browser profile with a slightly varied browser version, as real populations have. */
export function browserProfile(rng: Rng): Profile {
  const p = rng.pick(BROWSER_PROFILES);
  if (p === CHROME_WIN && rng.chance(0.4)) return p.map(([k, v]) => [k, k === 'user-agent' ? v.replace('126.0', `12${rng.int(3, 5)}.0`) : v]);
  return p;
}

export function residentialIp(rng: Rng): string {
  return `${rng.pick([73, 98, 24, 68, 71, 86, 92, 109, 151, 176])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

export function datacenterIp(rng: Rng): string {
  return `${rng.pick([45, 104, 139, 159, 167, 185])}.${rng.int(0, 255)}.${rng.int(0, 40)}.${rng.int(1, 254)}`;
}

export function mobileIp(rng: Rng): string {
  return `100.${rng.int(64, 127)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}
