import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * Publishes a signing key the way login.botframework.com does (OpenID metadata + JWKS), so tests can
 * sign tokens the bot must accept and forge tokens it must refuse, with no network.
 */
export class FakeChannelKeys {
  private server?: Server;
  private readonly trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly kid = 'test-channel-key';

  get metadataUrl(): string {
    return `${this.origin}/v1/.well-known/openidconfiguration`;
  }

  /** A complete custom Bot Framework cloud whose channel keys are these. */
  get cloud(): Record<string, string | boolean> {
    return {
      ToBotFromChannelOpenIdMetadataUrl: this.metadataUrl,
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToBotFromEmulatorOpenIdMetadataUrl: this.metadataUrl,
      ToChannelFromBotLoginUrl: `${this.origin}/login`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: `${this.origin}/oauth`,
      ValidateAuthority: true,
      CallerId: 'urn:botframework:azure',
    };
  }

  private get origin(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${this.origin}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else if (req.url === '/v1/.well-known/keys') {
        const jwk = this.trusted.publicKey.export({ format: 'jwk' });
        res.end(JSON.stringify({ keys: [{ ...jwk, kid: this.kid, use: 'sig', alg: 'RS256', endorsements: ['emulator', 'msteams', 'webchat', 'directline'] }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** A channel token signed with the published key. */
  signedToken(appId: string, serviceUrl: string): string {
    return this.token(this.trusted.privateKey, this.kid, appId, serviceUrl);
  }

  /** Same claims and key id, signed with a key nobody published. */
  forgedToken(appId: string, serviceUrl: string): string {
    return this.token(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, this.kid, appId, serviceUrl);
  }

  private token(key: KeyObject, kid: string, appId: string, serviceUrl: string): string {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const header = encode({ alg: 'RS256', typ: 'JWT', kid });
    const claims = encode({ iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 });
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key).toString('base64url');
    return `${header}.${claims}.${signature}`;
  }
}
