import {
  AuthenticationError,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import { ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity } from 'botbuilder';
import type { AppConfig } from './config';
import { isLoopbackUrl } from './loopback';
import { errorFields, type Logger } from './logger';

export class OffLoopbackServiceUrlError extends Error {
  constructor() {
    super('Unauthenticated mode only replies to a serviceUrl on this machine (localhost).');
    this.name = 'OffLoopbackServiceUrlError';
  }
}

class LoopbackOnlyConnectorFactory extends ConnectorFactory {
  constructor(private readonly inner: ConnectorFactory) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    if (!isLoopbackUrl(serviceUrl)) return Promise.reject(new OffLoopbackServiceUrlError());
    return this.inner.create(serviceUrl, audience);
  }
}

export interface GuardOptions {
  /** Unauthenticated mode: every connector refuses non-loopback serviceUrls. */
  loopbackOnly: boolean;
  logger: Logger;
}

/**
 * Wraps the Bot Framework authentication with two guarantees:
 * - it fails closed: whatever goes wrong while checking a token (a forged signature, signing keys
 *   that cannot be fetched) is a 401 for the caller and a structured log line for us, never a 500;
 * - with no app id, the adapter would post replies to any serviceUrl a caller names, letting anyone
 *   use the bot to reach other hosts, so every connector it hands out refuses non-loopback addresses.
 */
export class GuardedAuthentication extends BotFrameworkAuthentication {
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly options: GuardOptions,
  ) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.restrict(await this.failClosed(() => this.inner.authenticateRequest(activity, authHeader)));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.restrict(await this.failClosed(() => this.inner.authenticateStreamingRequest(authHeader, channelIdHeader)));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const factory = this.inner.createConnectorFactory(claimsIdentity);
    return this.options.loopbackOnly ? new LoopbackOnlyConnectorFactory(factory) : factory;
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.failClosed(() => this.inner.authenticateChannelRequest(authHeader));
  }

  private async failClosed<T>(check: () => Promise<T>): Promise<T> {
    try {
      return await check();
    } catch (err) {
      this.options.logger.warn('authentication_failed', errorFields(err));
      throw new AuthenticationError('Unauthorized: the request has no valid Bot Framework token.', StatusCodes.UNAUTHORIZED);
    }
  }

  private restrict(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!this.options.loopbackOnly || !result.connectorFactory) return result;
    return { ...result, connectorFactory: new LoopbackOnlyConnectorFactory(result.connectorFactory) };
  }
}

/**
 * Bot Framework cloud endpoints (token issuer, OpenID metadata, login URLs). Empty means Azure's public
 * cloud; setting any one means a complete custom cloud, so only tests and sovereign clouds pass these.
 */
export type CloudSettings = Record<string, string | boolean>;

export function createAuthentication(config: AppConfig, logger: Logger, cloud: CloudSettings = {}): BotFrameworkAuthentication {
  return new GuardedAuthentication(new ConfigurationBotFrameworkAuthentication({ ...config.botAuth, ...cloud }), {
    loopbackOnly: config.unauthenticated,
    logger,
  });
}
