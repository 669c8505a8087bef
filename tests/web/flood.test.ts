import { DirectLineClient, type TokenBody } from './directLineClient';
import { startWebChatServer, type WebChatServer } from './webChatServer';

/**
 * The flood, scaled down, through the real server: many addresses take tokens, open chats,
 * write once and then only poll to hold them. A parent arriving during the flood still gets a chat;
 * unused tokens go first and fast; polls keep nothing alive; one address (an IPv6 /64) holds a bounded
 * share. One trusted proxy hop, so each client speaks from the address it puts in X-Forwarded-For.
 */
const SLOTS = 60;
const PER_ADDRESS = 6;

describe('a flood of web chat tokens and conversations', () => {
  let server: WebChatServer;
  let now = Date.parse('2025-03-01T09:00:00Z');
  const minutes = (n: number) => (now += n * 60_000);
  beforeAll(async () => {
    server = await startWebChatServer(
      { RATE_LIMIT_PER_MINUTE: '100000' },
      {
        now: () => now,
        trustProxyHops: 1,
        store: { maxConversations: SLOTS, maxConversationsPerAddress: PER_ADDRESS, maxUnusedTokens: 200, maxUnusedTokensPerAddress: 10 },
      },
    );
  });
  afterAll(() => server.stop());

  const from = (address: string, token = '') => new DirectLineClient(server.baseUrl, token, { 'x-forwarded-for': address });
  /** 16 /64 networks inside one /56, as one customer line gives. */
  const attackerNetworks = Array.from({ length: 16 }, (_, i) => `2001:db8:0:ab${i.toString(16).padStart(2, '0')}::1`);
  const held: Array<{ client: DirectLineClient; id: string }> = [];

  async function openAndWrite(client: DirectLineClient): Promise<string> {
    const id = await client.open();
    await client.say(id, 'hold this slot');
    return id;
  }

  it('an attacker across a /56 takes at most its share per /64, and a parent arriving still gets a chat', async () => {
    for (const network of attackerNetworks) {
      for (let i = 0; i < 10; i++) {
        // A different host in the same /64 each time: the /64 is what counts.
        const client = from(network.replace(/::1$/, `::${(i + 1).toString(16)}`));
        held.push({ client, id: await openAndWrite(client) });
      }
    }
    // And a pile of tokens never used, from many IPv4 addresses.
    for (let a = 0; a < 30; a++) for (let i = 0; i < 12; i++) expect((await from(`198.51.100.${a + 1}`).generate()).status).toBe(200);

    const size = server.store!.size;
    expect(size.slots).toBeLessThanOrEqual(SLOTS);
    for (const network of attackerNetworks) expect(server.store!.slotsHeldBy(network.replace(/::1$/, '::/64'))).toBeLessThanOrEqual(PER_ADDRESS);
    expect(size.unused).toBeLessThanOrEqual(200);

    const parent = from('203.0.113.77');
    const conversationId = await parent.open();
    await parent.say(conversationId, 'my breasts leak between feeds');
    const { activities } = await parent.activities(conversationId);
    expect(activities.map((a) => a.text)).toContain('echo: my breasts leak between feeds');
  });

  it('polls alone keep nothing alive: conversations only polled go before one a parent wrote in', async () => {
    const parent = from('203.0.113.78');
    const parentChat = await openAndWrite(parent);
    for (let step = 0; step < 3; step++) {
      minutes(3);
      // The attacker polls everything it holds; the parent writes.
      for (const { client, id } of held) await client.poll(id);
      await parent.say(parentChat, `still here ${step}`);
    }
    // Newcomers from fresh addresses fill every other slot.
    for (let i = 0; i < SLOTS - 1; i++) await openAndWrite(from(`192.0.2.${i + 1}`));
    expect((await parent.poll(parentChat)).status).toBe(200);
    const stillHeld = (await Promise.all(held.map(({ client, id }) => client.poll(id)))).filter((r) => r.status === 200).length;
    expect(stillHeld).toBe(0);
  });

  it('unused tokens expire first and fast: well before a used one', async () => {
    const unused = (await (await from('198.51.100.200').generate()).json()) as TokenBody;
    const used = from('203.0.113.79');
    const usedChat = await openAndWrite(used);
    minutes(18);
    expect((await from('198.51.100.200', unused.token).poll(unused.conversationId)).status).toBe(401);
    expect((await used.poll(usedChat)).status).toBe(200);
    server.store!.sweep();
    expect(server.store!.size.unused).toBe(0);
  });
});
