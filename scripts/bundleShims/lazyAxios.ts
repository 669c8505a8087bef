/**
 * axios for the bundle, loaded at its first use rather than while the server starts (scripts/bundle.ts
 * sends every `require('axios')` of the bundled packages here). botframework-connector and botbuilder
 * load axios only to post to other bots (skills), which this bot never does; loaded anyway, it cost
 * every start about a tenth of its module loading, most of it Node's fetch, which axios touches as it
 * loads. Whatever reaches for axios gets the real one, loaded then.
 */
type Axios = ((...args: unknown[]) => unknown) & Record<PropertyKey, unknown>;

let real: Axios | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const axios = (): Axios => (real ??= require('axios') as Axios);

const lazyAxios = new Proxy((() => undefined) as unknown as Axios, {
  // TypeScript's __importDefault asks for __esModule while the importing module loads: axios has none.
  get: (_target, key) => (key === '__esModule' ? undefined : Reflect.get(axios(), key)),
  has: (_target, key) => Reflect.has(axios(), key),
  apply: (_target, self, args) => Reflect.apply(axios(), self, args),
});

export = lazyAxios;
