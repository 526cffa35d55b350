/** The generator's fixed vocabulary: organisations, plans, browsers and the rest, with their weights. */

/** Customer organisations of very different sizes, so a per-tenant chart looks different per tenant. */
export const ORGS = [
  { id: 'acme', weight: 34 },
  { id: 'globex', weight: 24 },
  { id: 'initech', weight: 18 },
  { id: 'umbrella', weight: 12 },
  { id: 'hooli', weight: 8 },
  { id: 'piedpiper', weight: 4 },
] as const;

/** Paid plans (persons without a purchase stay on `free`). Amounts are monthly, in dollars. */
export const PLANS = [
  { id: 'starter', weight: 50, amount: 29 },
  { id: 'pro', weight: 35, amount: 99 },
  { id: 'enterprise', weight: 15, amount: 499 },
] as const;

export const BROWSERS = [
  { name: 'Chrome', weight: 55, version: 124 },
  { name: 'Safari', weight: 20, version: 17 },
  { name: 'Firefox', weight: 12, version: 125 },
  { name: 'Microsoft Edge', weight: 10, version: 124 },
  { name: 'Opera', weight: 3, version: 109 },
] as const;

export const OSES = [
  { name: 'Mac OS X', weight: 38 },
  { name: 'Windows', weight: 34 },
  { name: 'Linux', weight: 10 },
  { name: 'iOS', weight: 10 },
  { name: 'Android', weight: 8 },
] as const;

export const COUNTRIES = [
  { code: 'US', weight: 38 },
  { code: 'GB', weight: 12 },
  { code: 'DE', weight: 10 },
  { code: 'FR', weight: 7 },
  { code: 'IN', weight: 8 },
  { code: 'BR', weight: 6 },
  { code: 'CA', weight: 6 },
  { code: 'NL', weight: 4 },
  { code: 'AU', weight: 5 },
  { code: 'JP', weight: 4 },
] as const;

export const MARKETING_PATHS = [
  '/',
  '/',
  '/pricing',
  '/features',
  '/blog/launch-week',
  '/docs',
  '/signup',
] as const;

export const PRODUCT_PATHS = [
  '/dashboard',
  '/dashboard',
  '/dashboard',
  '/projects',
  '/projects',
  '/projects/settings',
  '/reports',
  '/reports/new',
  '/team',
  '/billing',
  '/settings',
] as const;

/** Relative activity per UTC hour: quiet nights, a working-day peak. */
export const HOUR_WEIGHTS = [
  1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 11, 11, 10, 11, 11, 10, 9, 8, 6, 5, 4, 3, 2, 1,
] as const;

export const FIRST_NAMES = [
  'ada',
  'ben',
  'chloe',
  'dev',
  'elena',
  'femi',
  'grace',
  'hiro',
  'ines',
  'jonas',
  'kara',
  'liam',
  'maya',
  'noah',
  'olga',
  'priya',
  'quinn',
  'rosa',
  'sam',
  'tariq',
  'uma',
  'victor',
  'wen',
  'yara',
] as const;

export const LAST_NAMES = [
  'silva',
  'smith',
  'nguyen',
  'khan',
  'garcia',
  'muller',
  'rossi',
  'tanaka',
  'okafor',
  'novak',
  'larsen',
  'dubois',
  'kowalski',
  'patel',
  'cohen',
  'haddad',
  'moreau',
  'ivanova',
  'reyes',
  'berg',
] as const;
