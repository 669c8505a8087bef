import { dialogConversation, escalationOf } from '../support/dialogClient';

/**
 * A parent who writes in Spanish, French or Portuguese about warning signs (issue 10 §6): the detector
 * reads the signs in her language (knowledge/safety), so one reply carries the notice in her language
 * (this helper reads English; whom to call) and the advice for the sign, at its level.
 */
describe('warning signs written in another language', () => {
  it('a Spanish message with fever and a red, hot breast gets the Spanish notice and the urgent advice in one reply', async () => {
    const replies = await dialogConversation().say('tengo fiebre de 39 y el pecho rojo y caliente');
    expect(replies).toHaveLength(1);
    const text = replies[0].text ?? '';
    expect(text).toMatch(/^Este asistente solo lee inglés\..*911.*\+1 555 010 0199/);
    expect(text).toMatch(/\*\*Contact/);
    expect(escalationOf(replies)).toEqual({ level: 'urgent', reasons: ['fever-with-breast-signs'] });
  });

  it.each([
    ["j'ai de la fièvre, le sein rouge et chaud et je me suis évanouie", /^Cet assistant ne lit que l'anglais/, 'emergency', 'infection-with-sepsis-signs'],
    ['está saindo pus do meu mamilo', /^Este assistente só lê inglês/, 'urgent', 'pus'],
  ])('"%s" gets the notice in its language and the advice at the sign\'s level', async (message, notice, level, flag) => {
    const replies = await dialogConversation().say(message);
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toMatch(notice);
    expect(escalationOf(replies)).toMatchObject({ level });
    expect(escalationOf(replies)?.reasons).toContain(flag);
  });

  it('a sign the parent denies in her language gets the notice alone, no advice', async () => {
    const replies = await dialogConversation().say('no tengo fiebre y el pecho no está rojo, solo me gotea leche');
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toMatch(/^Este asistente solo lee inglés/);
    expect(escalationOf(replies)).toBeUndefined();
  });
});
