import {
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { isLoopbackUrl } from './loopback';

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

/**
 * With no app id, the adapter would post replies to whatever serviceUrl a caller names, which would
 * let anyone use the bot to make requests to other hosts. This wraps the authentication so every
 * connector it hands out refuses non-loopback addresses.
 */
export class LoopbackOnlyAuthentication extends BotFrameworkAuthentication {
  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.restrict(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.restrict(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new LoopbackOnlyConnectorFactory(this.inner.createConnectorFactory(claimsIdentity));
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private restrict(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory ? { ...result, connectorFactory: new LoopbackOnlyConnectorFactory(result.connectorFactory) } : result;
  }
}
