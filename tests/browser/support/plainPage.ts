import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A clinic's own page on another origin, holding nothing of ours but the one-line snippet. Its CSP is
 * what a careful clinic would send once it allows the bot's server.
 */
export class PlainPage {
  private server?: Server;
  botUrl = '';

  get origin(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get url(): string {
    return `${this.origin}/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      if (req.url !== '/') {
        res.writeHead(404).end();
        return;
      }
      const bot = new URL(this.botUrl).origin;
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `default-src 'self'; script-src 'self' ${bot}; style-src 'self' ${bot}; frame-src ${bot}; img-src 'self' data:`,
      });
      res.end(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Opening hours</title><link rel="icon" href="data:,"></head>
<body>
<main>
<h1>Opening hours</h1>
<p>We are open Monday to Friday, 8am to 6pm.</p>
<button type="button">A button of the clinic's own</button>
</main>
<script src="${this.botUrl}/embed.js" async></script>
</body>
</html>`);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
