import type { Server } from 'restify';
import type { LeakAdapter } from '../adapter';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import type { TurnContext } from 'botbuilder';

export interface WebChatDependencies {
  config: AppConfig;
  adapter: LeakAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
}

/** Serves the clinic page, /embed.js and the Direct Line endpoint. (Filled in by the web chat work.) */
export function mountWebChat(_server: Server, _deps: WebChatDependencies): void {}
