/**
 * The security part of the config (DESIGN.md section 4): which auth mode applies, and the start-up
 * refusals that keep a misconfigured proxy from ever listening. Tokens without a secret, or an
 * unauthenticated proxy reachable from other machines, stop start-up with the setting's name.
 */
import { DEFAULT_MAX_TOKEN_TTL_S, isLoopbackHost, type AuthMode } from './auth/settings.js';
import type { SettingValues } from './config-schema.js';

/** Thrown as the config's own ConfigError by the caller; kept separate so this file stays pure. */
export class SecuritySettingError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SecuritySettings {
  auth: AuthMode;
  secrets: readonly string[];
  maxTokenTtlS: number;
  allowUnauthenticated: boolean;
  trustProxy: boolean;
}

export function resolveSecurity(values: SettingValues, host: string): SecuritySettings {
  const secrets = Object.freeze([...(values.secrets ?? [])]);
  const auth: AuthMode = values.auth ?? (secrets.length > 0 ? 'token' : 'none');
  const allowUnauthenticated = values.allowUnauthenticated ?? false;
  if (auth === 'token' && secrets.length === 0) {
    throw new SecuritySettingError(
      'PH_EMBED_SECRET',
      'PH_EMBED_AUTH=token needs PH_EMBED_SECRET (at least 32 bytes; try: openssl rand -base64 48)',
    );
  }
  if (auth === 'none' && !isLoopbackHost(host) && !allowUnauthenticated) {
    throw new SecuritySettingError(
      'PH_EMBED_AUTH',
      `PH_EMBED_AUTH=none would let anyone who reaches HOST=${host} run every endpoint: set PH_EMBED_SECRET ` +
        'for embed tokens, listen on 127.0.0.1, or set allowUnauthenticated: true in the config file ' +
        '(PH_EMBED_ALLOW_UNAUTHENTICATED=true)',
    );
  }
  return {
    auth,
    secrets,
    maxTokenTtlS: values.maxTokenTtlS ?? DEFAULT_MAX_TOKEN_TTL_S,
    allowUnauthenticated,
    trustProxy: values.trustProxy ?? false,
  };
}
